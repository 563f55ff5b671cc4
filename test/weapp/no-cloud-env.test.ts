/**
 * @jest-environment jsdom
 */
// Its own file: the Taro app in dist/weapp is loaded once per module registry.
import { setup, until } from './support/harness';

it('without a cloud env id, the code page says so in Chinese instead of failing silently', async () => {
  const h = setup(() => ({ ok: true, data: {} }));
  const { dom } = h.renderPage('pages/code/index');
  await until(() => (dom.textContent ?? '').includes('未配置云开发环境'), 'the missing env message');
  expect(h.calls).toHaveLength(0);
});
