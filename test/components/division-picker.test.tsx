import { fireEvent, render, screen } from '@testing-library/react';
import { DivisionPicker } from '../../src/components/DivisionPicker';
import { calls, resetTaroMock, setApiHandler } from './support/taro-mock';
import { divisionChildren } from './support/fixtures';

beforeEach(() => {
  resetTaroMock();
  setApiHandler((fn, data) => {
    if (fn !== 'division' || data.action !== 'children') throw new Error('unexpected call');
    return { ok: true, data: { divisions: divisionChildren[(data.code as string | undefined) ?? ''] ?? [] } };
  });
});

it('loads the children level by level, province → city → county → town', async () => {
  const onChange = jest.fn();
  render(<DivisionPicker leafLevel={4} valueLabel="" placeholder="选择出发地" onChange={onChange} />);
  fireEvent.click(screen.getByText('选择出发地'));
  fireEvent.click(await screen.findByText('吉林省'));
  fireEvent.click(await screen.findByText('长春市'));
  fireEvent.click(await screen.findByText('宽城区'));
  fireEvent.click(await screen.findByText('兴业街道'));
  expect(calls.map((c) => c.data)).toEqual([
    { action: 'children' },
    { action: 'children', code: '22' },
    { action: 'children', code: '2201' },
    { action: 'children', code: '220103' },
  ]);
  expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ code: '220103001', fullName: '吉林省长春市宽城区兴业街道' }));
  expect(screen.queryByTestId('division-panel')).toBeNull();
});

it('starts from Hechi and goes down to the village for the destination', async () => {
  const onChange = jest.fn();
  render(<DivisionPicker rootCode="4512" leafLevel={5} valueLabel="" placeholder="选择目的地" onChange={onChange} />);
  fireEvent.click(screen.getByText('选择目的地'));
  fireEvent.click(await screen.findByText('金城江区'));
  fireEvent.click(await screen.findByText('金城江街道'));
  fireEvent.click(await screen.findByText('新桥社区'));
  expect(calls.map((c) => c.data.code)).toEqual(['4512', '451202', '451202001']);
  expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ code: '451202001001', level: 5 }));
});

it('offers a retry when a level cannot be loaded', async () => {
  setApiHandler(() => ({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } }));
  render(<DivisionPicker leafLevel={4} valueLabel="" placeholder="选择出发地" onChange={jest.fn()} />);
  fireEvent.click(screen.getByText('选择出发地'));
  expect(await screen.findByText('服务暂时不可用')).toBeTruthy();
  expect(screen.getByText('重试')).toBeTruthy();
});
