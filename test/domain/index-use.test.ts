// The rule the query catalogue holds every query to (domain/store/index-use.ts), on the indexes of
// COLLECTIONS: equality fields lead, then the range or sort field, every other one inside.
import { servingIndex, shapeOf } from '../../domain/store/index-use';

const served = (...args: Parameters<typeof shapeOf>) => servingIndex(shapeOf(...args));

it('equality fields lead in any order, then the range field', () => {
  expect(served('rateSlots', 'count', { bucket: 3, key: 'k' }, undefined)).toBe('key_bucket');
  expect(served('reports', 'find', { 'destination.countyCode': '451202', arrivalDate: { $gte: '2022-04-01' } }, undefined)).toBe('destination_arrival');
  // `$in` is an equality for the index; a bare `_id` lookup is the collection's own index.
  expect(served('persons', 'find', { _id: { $in: ['a', 'b'] } }, undefined)).toBe('_id');
});

it('a cursor page by `_id` after a county and a date needs `_id` in the index (destination_arrival holds it)', () => {
  const page = shapeOf('reports', 'find', { 'destination.countyCode': '451202', arrivalDate: { $gte: '2022-04-01' }, _id: { $gt: 'r1' } }, [['_id', 'asc']]);
  expect(servingIndex(page)).toBe('destination_arrival');
  // The same kind of page on codeEvents' person_at (person, time; no `_id` in it) is not served.
  expect(served('codeEvents', 'find', { personId: 'p1', at: { $gte: '2022-04-01' }, _id: { $gt: 'e1' } }, [['_id', 'asc']])).toBeNull();
  expect(served('codeEvents', 'find', { personId: 'p1', at: { $gte: '2022-04-01' } }, [['at', 'asc']])).toBe('person_at');
});

it('not served: a field outside the index, a leading field skipped, a sort against the index order, an unfiltered find', () => {
  expect(served('reports', 'find', { 'destination.countyCode': '451202', transport: 'train' }, undefined)).toBeNull();
  expect(served('reports', 'find', { arrivalDate: { $gte: '2022-04-01' } }, undefined)).toBeNull();
  expect(served('riskVersions', 'find', { status: 'published' }, [['revision', 'desc'], ['date', 'desc']])).toBeNull();
  expect(served('reports', 'find', undefined, undefined)).toBeNull();
  // An unfiltered count is answered from the collection's metadata.
  expect(served('riskVersions', 'count', undefined, undefined)).toBe('(whole)');
});
