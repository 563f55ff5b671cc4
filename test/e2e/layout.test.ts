// Every page at a phone's size (390×844) and a desktop's (1366×768): nothing wider than the window
// (no sideways scrolling) and no table header whose names run into each other. The same list of
// pages as the screenshots (tour.ts).
import { reportInput, idNumber } from '../support/reports';
import { appAndBrowser } from './support';
import { layoutProblems, SIZES, TOUR, visit } from './tour';

jest.setTimeout(600_000);

const env = appAndBrowser();

beforeAll(async () => {
  // A code and a day's numbers to lay out, not only empty states.
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${env.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const cookie = (await post('/local/signin', { accountId: 'demo-arrival' })).headers.get('set-cookie')!.split(';')[0]!;
  await post('/api/report', reportInput(new Date(), { idNumber: idNumber() }), cookie);
});

const cases = TOUR.flatMap((stop) => SIZES.map((size) => [`${stop.name} at ${size.width}×${size.height}`, stop, size] as const));

it.each(cases)('%s', async (_name, stop, size) => {
  const { context, page } = await visit(env.browser, env.app.url, stop, size);
  try {
    expect(await layoutProblems(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
