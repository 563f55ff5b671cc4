// The history names the policy version of each code change (issue 11).
import { render, screen } from '@testing-library/react';
import HistoryPage from '../../src/pages/history/index';
import { resetTaroMock, setApiHandler } from './support/taro-mock';

beforeEach(() => resetTaroMock());

it('shows each code change with the version that made it', async () => {
  setApiHandler((fn, data) => {
    if (fn !== 'code' || data.action !== 'history') throw new Error(`unexpected ${fn}`);
    return {
      ok: true,
      data: {
        entries: [
          { at: '2022-04-21T16:30:00.000Z', kind: 'code', title: '政策版本生效后重新赋码：黄码 → 红码（通知试4）', detail: '按测试政策重新赋码', policyVersion: 'fixture-two-levels@1.0.0' },
          { at: '2022-04-20T04:00:00.000Z', kind: 'movement', title: '限时流动 6 小时', detail: '河池站 → 城北社区' },
        ],
      },
    };
  });
  render(<HistoryPage />);
  expect(await screen.findByText('2022-04-22 00:30 · 政策版本 fixture-two-levels@1.0.0')).toBeTruthy();
  expect(screen.getByText('2022-04-20 12:00')).toBeTruthy();
});
