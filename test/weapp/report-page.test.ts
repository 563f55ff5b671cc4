/**
 * @jest-environment jsdom
 */
import { setup, until, type SimComponent } from './support/harness';

const provinces = [{ code: '22', name: '吉林省', level: 1, fullName: '吉林省', hasChildren: true }];

function find(root: SimComponent, selector: string): SimComponent {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in the rendered page`);
  return found;
}

it('renders the report form, validates an empty submit and round-trips typing through React state', async () => {
  const h = setup((name, data) => {
    if (name === 'division' && data.action === 'children') return { ok: true, data: { divisions: provinces } };
    return { ok: false, error: { code: 'NOT_FOUND', message: '无此功能' } };
  }, { cloudEnv: 'test-env' });
  const { comp, dom } = h.renderPage('pages/report/index');
  await until(() => (dom.textContent ?? '').includes('抵河前14天行程'), 'the report form');
  expect(dom.textContent).toContain('提交报备');

  find(comp, '.nut-button').dispatchEvent('tap');
  await until(() => (dom.textContent ?? '').includes('请填写姓名'), 'the empty-form messages');
  expect(dom.textContent).toContain('请选择抵河日期');
  expect(dom.textContent).toContain('请选择河池的目的地（到社区/村）');
  expect(h.calls.filter((c) => c.name === 'report')).toHaveLength(0);

  // Typing a name goes through the input event into React state: its message goes away.
  find(comp, '.text-input').dispatchEvent('input', { detail: { value: '张三' } });
  await until(() => !(dom.textContent ?? '').includes('请填写姓名'), 'the name message to clear');

  // The itinerary picker asks wx.cloud for the provinces.
  find(comp, '.division__value').dispatchEvent('tap');
  await until(() => (dom.textContent ?? '').includes('吉林省'), 'the province list');
  expect(h.calls).toContainEqual({ name: 'division', data: { action: 'children' } });
});
