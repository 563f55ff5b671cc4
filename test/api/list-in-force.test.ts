// The list in force is kept between submissions (riskListOn, under the store's change mark), so a
// report filed right after a publish or a same-day revision must already be judged by the new list.
import sample from '../../host/seed/risk-list-2022-04-15.sample.json';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, PLACES, reportInput } from '../support/reports';
import { csv, uploadFile, type ListRow } from '../support/risk-files';

let host: TestHost;
let bureau: string;
beforeAll(async () => {
  host = await startTestHost(new Date('2022-04-16T04:00:00Z'));
  bureau = await host.signIn('demo-bureau');
});
afterAll(() => host.close());

/** A report from 南宁市青秀区 (450103) two days ago, by a resident account of its own; `listed`: it says it was in none of the county's listed areas. */
async function fileFromQingxiu(account: string, serial: string, listed = false) {
  const res = await host.call(
    'report',
    reportInput(host.clock.now, { idNumber: idNumber('19900307', serial), arrivalDate: '2022-04-14', itinerary: [{ townCode: PLACES.nanningTown, departDate: '2022-04-14', ...(listed ? { riskAreaIds: [] } : {}) }] }),
    await host.signIn(account),
  );
  expect([res.status, res.json.error]).toEqual([200, undefined]);
  return res.json.data.report.decision;
}

async function publish(rows: ListRow[], reason?: string) {
  const fileId = await uploadFile(host, bureau, 'list.csv', csv(rows));
  const upload = await host.call('risk', { action: 'upload', date: '2022-04-16', fileId }, bureau);
  expect(upload.status).toBe(200);
  const res = await host.call('risk', { action: 'publish', draftId: upload.json.data.draft.draftId, confirm: true, ...(reason ? { reason } : {}) }, bureau);
  expect(res.status).toBe(200);
  return res.json.data.version;
}

it('judges a report filed right after a publish, and right after a revision, by the list just published', async () => {
  // 2022-04-15's sample list does not name 青秀区: green, and the answer for today is now kept.
  expect(await fileFromQingxiu('demo-arrival', '123')).toMatchObject({ code: 'green', riskListDate: '2022-04-15' });

  const sealed: ListRow = { level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' };
  expect(await publish([...sample.areas, sealed])).toMatchObject({ versionId: '2022-04-16_r1', status: 'published' });
  expect(await fileFromQingxiu('demo-resident-2', '234', true)).toMatchObject({ code: 'red', clause: '一(二)1', riskListDate: '2022-04-16' });

  // The same day corrected without 青秀区: the first revision is superseded at once.
  expect(await publish(sample.areas, '国家名单当日更正：青秀区不在名单内')).toMatchObject({ versionId: '2022-04-16_r2', supersedes: '2022-04-16_r1' });
  expect(await fileFromQingxiu('demo-resident-3', '345')).toMatchObject({ code: 'green', riskListDate: '2022-04-16' });
});
