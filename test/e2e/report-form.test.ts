// The report form, refused for what is missing, brings the first red field into view: a person who
// tapped 提交报备 at the bottom of a long form sees what to fix, not only the summary by the button —
// in Chromium against `npm start`.
import { idNumber } from '../support/reports';
import { appAndBrowser, button, input, newPage, signIn } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

it('after 提交报备 with errors, the first field in error is on screen', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await signIn(page, env.app.url, '张伟');
    await button(page, '去报备').click();
    await page.waitForURL(/pages\/report\/index/);
    await input(page, '与身份证一致').fill('张伟');
    await input(page, '18位身份证号').fill(idNumber('19751120', '351'));
    await input(page, '11位手机号').fill('13912345678');
    // The submit button is at the end of the form: scrolled to, the itinerary is far above.
    const submit = button(page, '提交报备');
    await submit.scrollIntoViewIfNeeded();
    const firstField = page.locator('.field').filter({ hasText: '出发地（到乡镇/街道）' }).first();
    const before = await firstField.boundingBox();
    expect(before!.y + before!.height).toBeLessThan(0);
    await submit.click();

    const error = page.locator('.field--error').first();
    await error.waitFor();
    expect(await error.innerText()).toContain('请选择出发地');
    await page.waitForFunction(() => {
      const r = document.querySelector('.field--error')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
  } finally {
    await context.close();
  }
});
