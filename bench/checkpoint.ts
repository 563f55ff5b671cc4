// Checkpoint verifications through the local host: each request carries a fresh token (a token is
// accepted once), signed ahead with the host's own secret so signing is not part of the figure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken } from '../domain/token';
import { personIdFor } from '../domain/services/report';
import { idNumber } from '../test/support/reports';
import { load, type LoadResult } from './load';

export async function checkpointVerifications(base: string, dataDir: string, concurrency: number): Promise<LoadResult> {
  const { tokenSecret } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { tokenSecret: string };
  const signin = await fetch(`${base}/local/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: 'demo-checkpoint' }),
  });
  const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
  // The bench's arrival (demo-arrival) has filed reports before this runs, so the person has a code.
  const personId = personIdFor(idNumber());
  const tokens = (n: number) => Array.from({ length: n }, () => signToken(personId, 'green', new Date(), tokenSecret).token);
  const warm = tokens(200);
  await load({ url: `${base}/api/checkpoint`, total: warm.length, concurrency, headers: { cookie }, body: (i) => ({ action: 'verify', token: warm[i] }) });
  const measured = tokens(2000);
  return load({ url: `${base}/api/checkpoint`, total: measured.length, concurrency, headers: { cookie }, body: (i) => ({ action: 'verify', token: measured[i] }) });
}
