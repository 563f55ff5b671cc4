// 限时流动 is one chance: a code that cannot apply is told so before any form, and an application
// is sent only once the person confirms it.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import MovementPage from '../../src/pages/movement/index';
import Taro, { calls, resetTaroMock, setApiHandler } from './support/taro-mock';
import { myCode, yellowDecision } from './support/fixtures';

beforeEach(() => resetTaroMock());

it('tells a red code it cannot apply, with no form', async () => {
  setApiHandler((fn) => (fn === 'code' ? { ok: true, data: myCode({ decision: { ...yellowDecision, code: 'red' }, movementWindowAvailable: false }) } : { ok: true, data: {} }));
  render(<MovementPage />);
  expect((await screen.findByTestId('movement-refusal')).textContent).toContain('红码人员不能申请限时流动');
  expect(screen.queryByText('提交申请')).toBeNull();
});

it('asks before sending; cancelling sends nothing, confirming sends once', async () => {
  setApiHandler((fn) => (fn === 'code' ? { ok: true, data: myCode({ movementWindowAvailable: true, movementWindow: null }) } : { ok: true, data: { window: {} } }));
  const answers = [false, true];
  const showModal = jest.fn(async () => ({ confirm: answers.shift() }));
  (Taro as unknown as { showModal: unknown }).showModal = showModal;
  render(<MovementPage />);
  fireEvent.input(await screen.findByPlaceholderText('1—24的整数'), { target: { value: '6' } });
  fireEvent.input(screen.getByPlaceholderText('如：河池站'), { target: { value: '河池站' } });
  fireEvent.input(screen.getByPlaceholderText('住地详细地址'), { target: { value: '城北路12号' } });
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1));
  expect(calls.filter((c) => c.fn === 'movement')).toHaveLength(0);
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(calls.filter((c) => c.fn === 'movement')).toHaveLength(1));
  expect(calls.find((c) => c.fn === 'movement')!.data).toMatchObject({ action: 'apply', hours: 6, from: '河池站', to: '城北路12号' });
});
