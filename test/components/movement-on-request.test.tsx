// The movement form follows the policy in force (issue 11): its hours and, where the policy opens a
// window only on request (the second, test-fixture policy: 就医, 1—12 hours), the reason asked for.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import MovementPage from '../../src/pages/movement/index';
import Taro, { calls, resetTaroMock, setApiHandler } from './support/taro-mock';
import { myCode } from './support/fixtures';

beforeEach(() => resetTaroMock());

it('asks for the reason and keeps to the policy’s hours', async () => {
  const movementRule = { minHours: 1, maxHours: 12, onRequestFor: ['就医'], conditions: ['限时流动仅限就医往返', '全程佩戴口罩'] };
  setApiHandler((fn) => (fn === 'code' ? { ok: true, data: myCode({ movementWindowAvailable: true, movementWindow: null, movementRule }) } : { ok: true, data: { window: {} } }));
  (Taro as unknown as { showModal: unknown }).showModal = jest.fn(async () => ({ confirm: true }));
  render(<MovementPage />);
  expect(await screen.findByText(/限时流动仅限就医往返；全程佩戴口罩/)).toBeTruthy();
  fireEvent.input(screen.getByPlaceholderText('1—12的整数'), { target: { value: '13' } });
  fireEvent.input(screen.getByPlaceholderText('如：河池站'), { target: { value: '河池站' } });
  fireEvent.input(screen.getByPlaceholderText('住地详细地址'), { target: { value: '市人民医院' } });
  fireEvent.click(screen.getByText('提交申请'));
  expect(await screen.findByText('限时流动时长应为1到12之间的整数（小时）')).toBeTruthy();
  fireEvent.input(screen.getByPlaceholderText('1—12的整数'), { target: { value: '6' } });
  fireEvent.click(screen.getByText('提交申请'));
  expect(await screen.findByText('请选择申请事由（仅限就医）')).toBeTruthy();
  expect(calls.filter((c) => c.fn === 'movement')).toHaveLength(0);
  fireEvent.click(screen.getByText('就医'));
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(calls.filter((c) => c.fn === 'movement')).toHaveLength(1));
  expect(calls.find((c) => c.fn === 'movement')!.data).toMatchObject({ action: 'apply', hours: 6, requestReason: '就医' });
});
