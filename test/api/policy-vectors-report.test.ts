// A policy file's own vectors run through the report path (submit → code), for the Hechi policy and
// for the second policy (a TEST FIXTURE, test/policy/fixtures) put in force as a scheduled version: the
// engine and the services cannot disagree. Each file's vector list is put in force as the day's list,
// each vector's person is filed on the spot by checkpoint staff at the vector's instant, and the code
// given must be the vector's. (Vectors with a measure or an earlier code date are set by staff, not by
// a report: the arrivals tests run those paths.)
import fixture from '../policy/fixtures/two-levels.fixture.json';
import { hechiPolicy, loadPolicy, type Policy } from '../../domain/policy';
import { cityOf } from '../../domain/divisions/codes';
import { countyDocId } from '../../domain/services/risk-list';
import type { RiskAreaDoc, RiskVersionDoc } from '../../domain/store/collections';
import { localDate } from '../../domain/time';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, reportInput } from '../support/reports';

const second = loadPolicy(fixture);

describe.each([
  ['hechi-2022-04-09', hechiPolicy, null],
  ['fixture-two-levels (test fixture)', second, '2022-04-17'],
] as Array<[string, Policy, string | null]>)('%s', (_name, policy, effectiveDate) => {
  let host: TestHost;
  let checkpoint: string;
  beforeAll(async () => {
    host = await startTestHost();
    checkpoint = await host.signIn('demo-checkpoint');
    // The vectors' list in force for their day: a later revision of the seeded 04-15 list.
    const list = policy.vectors.riskList;
    const seeded = (await host.store.get('riskVersions', `${list.date}_r1`))!;
    const areas: RiskAreaDoc[] = list.areas.map((a) => ({ ...a, province: '', city: '', county: '', kind: a.level }));
    const counties = [...new Set(areas.map((a) => a.countyCode))].sort();
    const id = `${list.date}_r2`;
    for (const county of counties) {
      await host.store.put('riskAreas', { _id: countyDocId(id, county), versionId: id, countyCode: county, cityCode: cityOf(county), areas: areas.filter((a) => a.countyCode === county) });
    }
    const version: RiskVersionDoc = { ...seeded, _id: id, revision: 2, counties, cities: [...new Set(counties.map(cityOf))].sort(), confirmedCityCodes: list.confirmedCityCodes, supersedes: seeded._id };
    await host.store.put('riskVersions', version);
    await host.store.update('riskVersions', seeded._id, { status: 'superseded' });
    if (effectiveDate) {
      // In force from its date, as the Bureau's schedule leaves it (tests/api/policy-versions.test.ts schedules through the API).
      await host.store.put('policyVersions', {
        _id: 'pv_vectors', policyId: policy.id, version: policy.version, title: policy.title, effectiveDate, status: 'scheduled', switched: true,
        changes: [], affected: { read: 0, stricter: 0, looser: 0, complete: true }, reason: '测试', by: 'demo-bureau', byName: '韦主任', at: host.clock.now.toISOString(),
      });
      await host.store.put('policyBodies', { _id: 'pv_vectors', text: JSON.stringify(policy) });
    }
  });
  afterAll(() => host.close());

  const reportable = policy.vectors.assignment.filter((v) => !('measure' in v.facts) && !('since' in v.facts) && !('riskList' in v.facts));

  it('covers most of the file’s vectors', () => {
    expect(reportable.length).toBeGreaterThanOrEqual(policy === hechiPolicy ? 20 : 10);
  });

  it.each(reportable.map((v, i) => [v.name, v, i] as const))('%s', async (_vector, v, i) => {
    host.clock.now = new Date(v.now);
    const facts = v.facts as { arrival: string; itinerary: Array<{ townCode: string; departDate: string; riskAreaIds?: string[] }> };
    const listed = new Set(policy.vectors.riskList.areas.map((a) => a.countyCode));
    // The form asks for the areas of a listed county: none picked is its 以上均未到过 (an empty list).
    const itinerary = facts.itinerary.map((s) => (listed.has(s.townCode.slice(0, 6)) && !s.riskAreaIds ? { ...s, riskAreaIds: [] } : s));
    const input = reportInput(host.clock.now, { name: '王小明', idNumber: idNumber('19900307', String(100 + i)), arrivalDate: localDate(facts.arrival), itinerary });
    const res = await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
    expect(res.json.error).toBeUndefined();
    const report = (await host.store.get('reports', res.json.data.report.id))!;
    const code = (await host.store.get('codes', report.personId))!;
    for (const [key, want] of Object.entries(v.expected)) {
      const got = key === 'nextStepDate' ? (code.decision.nextStep.date ?? null) : (code.decision as unknown as Record<string, unknown>)[key];
      expect([key, got]).toEqual([key, want]);
    }
    expect(code.decision.policyVersion).toBe(`${policy.id}@${policy.version}`);
  });
});
