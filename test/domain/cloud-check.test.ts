// The deploy check reports every collection that is not server-only, and --fix locks it.
import { createHash, createHmac } from 'node:crypto';
import { COLLECTIONS } from '../../domain/store/collections';
import { checkCollections, signedHeaders, type TcbCall } from '../../scripts/cloud-check';

it('reports collections that are missing or not ADMINONLY, and --fix sets ADMINONLY', async () => {
  const acl = new Map(Object.keys(COLLECTIONS).map((c) => [c, 'ADMINONLY']));
  acl.set('accounts', 'READONLY'); // the default for a collection made in code: client-writable by its creator
  acl.delete('uploads');
  const calls: Array<[string, Record<string, unknown>]> = [];
  const call: TcbCall = async (action, params) => {
    calls.push([action, params]);
    const name = String(params.CollectionName);
    if (action === 'ModifyDatabaseACL') {
      acl.set(name, String(params.AclTag));
      return {};
    }
    if (!acl.has(name)) throw new Error('DescribeDatabaseACL: ResourceNotFound collection not exists');
    return { AclTag: acl.get(name) };
  };
  const report = await checkCollections(call, 'env-1');
  expect(report.filter((c) => c.problem).map((c) => c.collection)).toEqual(['accounts', 'uploads']);
  expect(report.find((c) => c.collection === 'accounts')?.problem).toMatch(/READONLY.*ADMINONLY/);
  expect(calls.every(([a, p]) => a === 'DescribeDatabaseACL' && p.EnvId === 'env-1')).toBe(true);

  const fixed = await checkCollections(call, 'env-1', true);
  expect(calls.filter(([a]) => a === 'ModifyDatabaseACL')).toEqual([['ModifyDatabaseACL', { EnvId: 'env-1', CollectionName: 'accounts', AclTag: 'ADMINONLY' }]]);
  expect(fixed.find((c) => c.collection === 'accounts')).toMatchObject({ acl: 'ADMINONLY' });
  expect((await checkCollections(call, 'env-1')).filter((c) => c.problem).map((c) => c.collection)).toEqual(['uploads']);
});

it('signs with TC3-HMAC-SHA256 as API 3.0 describes (scope date/tcb/tc3_request over content-type;host)', () => {
  const body = '{"EnvId":"env-1","CollectionName":"accounts"}';
  const h = signedHeaders('DescribeDatabaseACL', body, { secretId: 'AKIDtest', secretKey: 'secret' }, 1_551_113_065);
  expect(h['X-TC-Action']).toBe('DescribeDatabaseACL');
  expect(h['X-TC-Version']).toBe('2018-06-08');
  expect(h.Authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\/2019-02-25\/tcb\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
  // The signature recomputed step by step from the documented algorithm.
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:tcb.tencentcloudapi.com\n\ncontent-type;host\n${sha(body)}`;
  const toSign = `TC3-HMAC-SHA256\n1551113065\n2019-02-25/tcb/tc3_request\n${sha(canonical)}`;
  let key: Buffer = createHmac('sha256', 'TC3secret').update('2019-02-25').digest();
  key = createHmac('sha256', key).update('tcb').digest();
  key = createHmac('sha256', key).update('tc3_request').digest();
  expect(h.Authorization.endsWith(createHmac('sha256', key).update(toSign).digest('hex'))).toBe(true);
});
