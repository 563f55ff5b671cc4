// Arrivals whose reports give each code path of the policy, for the movement-window and appeal tests.
// Dates are relative to the test's clock; the seeded list of 2022-04-15 is the one in force.
import { addDays, localDate } from '../../domain/time';
import type { TestHost } from './local-host';
import { idNumber, PLACES, reportInput } from './reports';

export type Path = 'red-A' | 'yellow-A' | 'red-B' | 'yellow-B' | 'yellow-C' | 'green';

/** Days since arrival and the stop that give each path (A: in a listed area; B: its county; C: its city). */
const PATHS: Record<Path, { days: number; stop: 'area' | 'county' | 'city' | 'none' }> = {
  'red-A': { days: 3, stop: 'area' },
  'yellow-A': { days: 25, stop: 'area' },
  'red-B': { days: 3, stop: 'county' },
  'yellow-B': { days: 9, stop: 'county' },
  'yellow-C': { days: 2, stop: 'city' },
  green: { days: 2, stop: 'none' },
};

export async function kuanchengAreaId(host: TestHost, cookie: string): Promise<string> {
  const res = await host.call('division', { action: 'riskAreas', countyCode: '220103' }, cookie);
  return res.json.data.areas[0].id;
}

/** The report input for a path; `serial` varies the ID number. */
export async function pathInput(host: TestHost, cookie: string, path: Path, overrides: Record<string, unknown> = {}) {
  const { days, stop } = PATHS[path];
  const arrival = addDays(localDate(host.clock.now), -days);
  const itinerary =
    stop === 'area'
      ? [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [await kuanchengAreaId(host, cookie)] }]
      : stop === 'county'
        ? [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [] }]
        : stop === 'city'
          ? [{ townCode: PLACES.nanguanTown, departDate: arrival }]
          : [{ townCode: PLACES.nanningTown, departDate: arrival }];
  return reportInput(host.clock.now, { arrivalDate: arrival, itinerary, ...overrides });
}

/** Files a report for the path and returns the decision it gave. */
export async function fileFor(host: TestHost, cookie: string, path: Path, overrides: Record<string, unknown> = {}) {
  const res = await host.call('report', await pathInput(host, cookie, path, overrides), cookie);
  if (res.status !== 200) throw new Error(`report for ${path} failed: ${JSON.stringify(res.json)}`);
  return res.json.data.report;
}

export { idNumber };
