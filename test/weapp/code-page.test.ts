/**
 * @jest-environment jsdom
 */
import { setup, until } from './support/harness';

const decision = {
  code: 'red',
  clause: '一(一)1',
  category: 'A',
  policyVersion: '1.0.0',
  riskListDate: '2022-04-08',
  arrivalDate: '2022-04-05',
  daysSinceArrival: 4,
  since: '2022-04-05',
  reason: '14天内到过中高风险地区，抵河第4天，不足21天（含21天）',
  nextStep: { text: '集中管理14天后转入7天健康监测', date: '2022-04-19' },
  movementWindowEligible: false,
  matchedPlaces: [],
};

it('renders the code page from wx.cloud answers', async () => {
  const h = setup(
    (name, data) => {
      if (name === 'code') {
        return {
          ok: true,
          data: {
            person: { name: '张三', idNumberMasked: '110105********002X' },
            decision,
            qr: { token: 't', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', expiresAt: new Date(Date.now() + 60_000).toISOString() },
            fetchedAt: new Date().toISOString(),
          },
        };
      }
      if (name === 'report' && data.action === 'list') return { ok: true, data: { reports: [] } };
      return { ok: false, error: { code: 'NOT_FOUND', message: '无此功能' } };
    },
    { cloudEnv: 'test-env' },
  );
  const { dom } = h.renderPage('pages/code/index');
  await until(() => (dom.textContent ?? '').includes('红码'), 'the code card');
  const text = dom.textContent ?? '';
  expect(text).toContain('依据：通知一(一)1');
  expect(text).toContain('集中管理14天后转入7天健康监测');
  expect(text).toContain('有效至');
  expect(text).toContain('暂无报备记录');
  expect(h.calls.some((c) => c.name === 'code' && c.data.action === 'mine')).toBe(true);
});
