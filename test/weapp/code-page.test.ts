/**
 * @jest-environment jsdom
 */
import { setup, until } from './support/harness';
import { decodeRects, recordingContext } from '../support/qr-pixels';

/** A token as long as a real one (154 characters): the page draws whatever it is given. */
const TOKEN = `${'eyJwIjoicF8x'.repeat(10)}.${'c2lnbmF0dXJl'.repeat(2)}`.slice(0, 154);

/** The page's Canvas 2D as WeChat hands it out: a node found by selector query, 200 px at ratio 2. */
function canvasWx() {
  const painted = recordingContext();
  const node = { width: 0, height: 0, getContext: (kind: string) => (kind === '2d' ? painted.ctx : null) };
  const selected: string[] = [];
  const query = {
    select(selector: string) {
      selected.push(selector);
      return query;
    },
    fields: () => query,
    exec: (cb: (res: unknown[]) => void) => cb([{ node, width: 200, height: 200 }]),
  };
  return { painted, node, selected, wx: { createSelectorQuery: () => query, getWindowInfo: () => ({ pixelRatio: 2 }) } };
}

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

it('renders the code page from wx.cloud answers, the QR painted on a Canvas 2D from the token', async () => {
  const canvas = canvasWx();
  const h = setup(
    (name, data) => {
      if (name === 'code') {
        return {
          ok: true,
          data: {
            person: { name: '张三', idNumberMasked: '110105********002X' },
            decision,
            qr: { token: TOKEN, expiresAt: new Date(Date.now() + 60_000).toISOString() },
            fetchedAt: new Date().toISOString(),
          },
        };
      }
      if (name === 'report' && data.action === 'list') return { ok: true, data: { reports: [] } };
      return { ok: false, error: { code: 'NOT_FOUND', message: '无此功能' } };
    },
    { cloudEnv: 'test-env', wx: canvas.wx },
  );
  const { dom } = h.renderPage('pages/code/index');
  await until(() => (dom.textContent ?? '').includes('红码'), 'the code card');
  const text = dom.textContent ?? '';
  expect(text).toContain('依据：通知一(一)1');
  expect(text).toContain('集中管理14天后转入7天健康监测');
  expect(text).toContain('有效至');
  // The answer carries no image: the page paints the token's QR on its canvas at device pixels,
  // and what it paints reads back as the token.
  expect(dom.querySelector('wx-canvas')).not.toBeNull();
  await until(() => canvas.painted.dark.length > 0, 'the QR painted');
  expect(canvas.selected).toEqual(['#code-qr-canvas']);
  expect([canvas.node.width, canvas.node.height]).toEqual([400, 400]);
  expect(decodeRects(400, canvas.painted.dark)).toBe(TOKEN);
  expect(text).toContain('暂无报备记录');
  expect(h.calls.some((c) => c.name === 'code' && c.data.action === 'mine')).toBe(true);
});
