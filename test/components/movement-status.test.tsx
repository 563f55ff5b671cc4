// The open movement window on the code page: end time, a countdown from the server's figure (not
// the phone's clock), the notice's conditions, and the end by itself.
import { act, render, screen } from '@testing-library/react';
import { countdownText, MovementStatus } from '../../src/components/MovementStatus';
import type { MovementWindowView } from '../../types/model';

afterEach(() => jest.useRealTimers());

const window: MovementWindowView = {
  id: 'mw_1',
  hours: 8,
  from: '河池站',
  to: '城北路12号',
  startAt: '2022-04-16T04:00:00.000Z',
  endAt: '2022-04-16T12:00:00.000Z',
  remainingSeconds: 3,
  conditions: ['期间严禁到各人员密集场所', '做好佩戴口罩等个人防护措施'],
};

it('formats the time left as hh:mm:ss', () => {
  expect(countdownText(8 * 3600)).toBe('08:00:00');
  expect(countdownText(3661.9)).toBe('01:01:01');
  expect(countdownText(-5)).toBe('00:00:00');
});

it('shows 限时流动中, the end time in Asia/Shanghai, the conditions, and counts down to the end', () => {
  jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }); // the phone's clock is far off: it does not matter
  const onEnded = jest.fn();
  render(<MovementStatus window={window} onEnded={onEnded} />);
  expect(screen.getByText('黄码 · 限时流动中')).toBeTruthy();
  expect(screen.getByText('结束时间：2022-04-16 20:00')).toBeTruthy();
  expect(screen.getByText('· 期间严禁到各人员密集场所')).toBeTruthy();
  expect(screen.getByTestId('movement-countdown').textContent).toBe('剩余 00:00:03');
  act(() => void jest.advanceTimersByTime(1000));
  expect(screen.getByTestId('movement-countdown').textContent).toBe('剩余 00:00:02');
  expect(onEnded).not.toHaveBeenCalled();
  act(() => void jest.advanceTimersByTime(2000));
  expect(screen.queryByTestId('movement-window')).toBeNull();
  expect(onEnded).toHaveBeenCalledTimes(1);
});
