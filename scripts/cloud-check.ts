// Deploy check the Bureau runs against a deployed environment: every collection of COLLECTIONS must
// exist and be server-only (ADMINONLY, 仅管理端可读写) — otherwise a modified mini-program could write
// documents of its choosing (e.g. accounts/<its OPENID> with role bureau-admin) or read anyone's.
// `--fix` sets ADMINONLY on every collection that is not.
//
// It calls the Tencent Cloud API (tcb, version 2018-06-08) with the account's API key, signed with
// TC3-HMAC-SHA256: DescribeDatabaseACL → AclTag (cloud.tencent.com/document/api/876/34821) and
// ModifyDatabaseACL (…/876/34819). wx-server-sdk cannot read or set permissions, so this cannot run
// inside a function. Storage: check with the CloudBase CLI (`tcb storage rules get`; README).
//
// Usage: TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… CLOUD_ENV=<env id> npx tsx scripts/cloud-check.ts [--fix]
import { createHash, createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { COLLECTIONS } from '../domain/store/collections';

export const REQUIRED_ACL = 'ADMINONLY';
const HOST = 'tcb.tencentcloudapi.com';
const SERVICE = 'tcb';
const VERSION = '2018-06-08';

export interface Credentials {
  secretId: string;
  secretKey: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/** The headers of one signed API 3.0 call (signature v3, POST application/json). */
export function signedHeaders(action: string, body: string, credentials: Credentials, timestamp: number): Record<string, string> {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const canonical = ['POST', '/', '', `content-type:${contentType}\nhost:${HOST}\n`, 'content-type;host', sha256(body)].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signing).update(toSign).digest('hex');
  return {
    'Content-Type': contentType,
    Host: HOST,
    'X-TC-Action': action,
    'X-TC-Version': VERSION,
    'X-TC-Timestamp': String(timestamp),
    Authorization: `TC3-HMAC-SHA256 Credential=${credentials.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  };
}

/** One API call: the `Response` object, or a thrown error carrying the API's code and message. */
export type TcbCall = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function tcbClient(credentials: Credentials, fetchImpl: typeof fetch = fetch): TcbCall {
  return async (action, params) => {
    const body = JSON.stringify(params);
    const res = await fetchImpl(`https://${HOST}/`, { method: 'POST', headers: signedHeaders(action, body, credentials, Math.floor(Date.now() / 1000)), body });
    const json = (await res.json()) as { Response: Record<string, unknown> & { Error?: { Code: string; Message: string } } };
    if (json.Response.Error) throw new Error(`${action}: ${json.Response.Error.Code} ${json.Response.Error.Message}`);
    return json.Response;
  };
}

export interface CollectionCheck {
  collection: string;
  acl: string | null;
  problem?: string;
}

/** Every collection's permission; `fix` sets ADMINONLY where it is something else. */
export async function checkCollections(call: TcbCall, envId: string, fix = false): Promise<CollectionCheck[]> {
  const out: CollectionCheck[] = [];
  for (const collection of Object.keys(COLLECTIONS)) {
    let acl: string | null = null;
    try {
      acl = String((await call('DescribeDatabaseACL', { EnvId: envId, CollectionName: collection })).AclTag ?? '');
    } catch (e) {
      out.push({ collection, acl: null, problem: `不存在或无法读取（先运行云函数 init）：${(e as Error).message}` });
      continue;
    }
    if (acl === REQUIRED_ACL) {
      out.push({ collection, acl });
    } else if (fix) {
      await call('ModifyDatabaseACL', { EnvId: envId, CollectionName: collection, AclTag: REQUIRED_ACL });
      out.push({ collection, acl: REQUIRED_ACL, problem: `已由 ${acl} 改为 ${REQUIRED_ACL}` });
    } else {
      out.push({ collection, acl, problem: `权限为 ${acl}，应为 ${REQUIRED_ACL}（仅管理端可读写）` });
    }
  }
  return out;
}

if (resolve(process.argv[1] ?? '') === __filename) {
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, CLOUD_ENV: envId } = process.env;
  if (!secretId || !secretKey || !envId) {
    console.error('set TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and CLOUD_ENV');
    process.exit(2);
  }
  checkCollections(tcbClient({ secretId, secretKey }), envId, process.argv.includes('--fix'))
    .then((checks) => {
      for (const c of checks) console.log(`${c.problem ? '✗' : '✓'} ${c.collection.padEnd(16)} ${c.acl ?? '-'}${c.problem ? `  ${c.problem}` : ''}`);
      const bad = checks.filter((c) => c.problem && c.acl !== REQUIRED_ACL);
      console.log(bad.length ? `${bad.length} collection(s) not locked down` : `all ${checks.length} collections are ${REQUIRED_ACL}`);
      process.exit(bad.length ? 1 : 0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
