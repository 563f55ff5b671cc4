// Jurisdictions are division codes: 4512 (the city), 451202 (a county), 451202001 (a township or
// street), 451202001001 (a community or village). A place is inside when its code starts with it.
import { countyOf } from '../divisions/codes';
import type { Divisions } from '../divisions';

export function isWithin(jurisdiction: string, place: string): boolean {
  return place.startsWith(jurisdiction);
}

/** The counties a jurisdiction covers: its own, or every county of the city. */
export function countiesOf(divisions: Divisions, jurisdiction: string): string[] {
  if (jurisdiction.length >= 6) return [countyOf(jurisdiction)];
  return divisions.children(jurisdiction).map((d) => d.code);
}
