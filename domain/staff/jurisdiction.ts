// Jurisdictions are division codes: 4512 (the city), 451202 (a county), 451202001 (a township or
// street), 451202001001 (a community or village). A place is inside when its code starts with it.

export function isWithin(jurisdiction: string, place: string): boolean {
  return place.startsWith(jurisdiction);
}
