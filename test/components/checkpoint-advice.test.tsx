// What the checkpoint is told to do for each colour (二(二)): 现场报备 only when a report is
// required and none is on file.
import { adviceFor } from '../../src/staff/lib/advice';

const window = { id: 'w', from: 'a', to: 'b', startAt: '', endAt: '' } as never;

it.each([
  ['never reported', { color: null, mustReport: true, reportOnFile: false, movementWindow: null }, '现场报备'],
  ['red, no report', { color: 'red', mustReport: true, reportOnFile: false, movementWindow: null }, '现场报备'],
  ['red, report on file', { color: 'red', mustReport: true, reportOnFile: true, movementWindow: null }, '劝返'],
  ['yellow, report on file', { color: 'yellow', mustReport: true, reportOnFile: true, movementWindow: null }, '放行'],
  ['yellow in a movement window', { color: 'yellow', mustReport: true, reportOnFile: true, movementWindow: window }, '放行'],
  ['green, itinerary code with *, no report', { color: 'green', mustReport: true, reportOnFile: false, movementWindow: null }, '现场报备'],
  ['green, nothing required', { color: 'green', mustReport: false, reportOnFile: false, movementWindow: null }, '放行'],
] as const)('%s → %s', (_name, verdict, label) => {
  const advice = adviceFor(verdict);
  expect(advice.label).toBe(label);
  expect(advice.detail).not.toBe('');
});

it('a movement window is named in the advice', () => {
  expect(adviceFor({ color: 'yellow', mustReport: true, reportOnFile: true, movementWindow: window }).detail).toContain('限时流动');
});
