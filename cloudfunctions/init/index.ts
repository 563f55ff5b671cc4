// Cloud function `init`: the deploy-time step the Bureau runs once per environment (and after an
// upgrade that adds collections) — from the console's 云端测试, never from the app (a call with an
// OPENID is refused). It creates every collection in COLLECTIONS that does not exist yet, so no
// other function spends a cold start on createCollection. wx-server-sdk cannot create indexes or
// set permissions: its answer lists the indexes to create and the permission every collection
// needs (README "Deploying to WeChat cloud"; `npx tsx scripts/cloud-check.ts` verifies both).
// Given `firstBureauAdmin`, it also writes the first Bureau administrator's account (a document typed
// into the console might carry `_openid`, which every function refuses as client-written).
import { COLLECTIONS } from '../../domain/store/collections';
import type { ServiceContext } from '../../domain/services/context';
import { wechatJob } from '../shared/wechat';

/** `{ "firstBureauAdmin": "<OPENID>", "name": "…" }`: the first Bureau administrator, written here (server side). */
async function firstBureauAdmin(ctx: ServiceContext, event: Record<string, unknown>): Promise<string | null> {
  const openid = event.firstBureauAdmin;
  if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(openid)) return null;
  // Only while there is none: afterwards the Bureau manages staff through the `staff` function.
  // A document a client forged (it carries `_openid`) does not count: the functions refuse it anyway.
  const admins = await ctx.store.find('accounts', { where: { role: 'bureau-admin' }, limit: 50 });
  if (admins.some((a) => !Object.hasOwn(a, '_openid'))) return 'exists';
  const name = typeof event.name === 'string' && event.name.trim() ? event.name.trim().slice(0, 20) : '市大数据发展局管理员';
  await ctx.store.put('accounts', { _id: openid, role: 'bureau-admin', name, jurisdiction: '4512', createdAt: ctx.now.toISOString() });
  return 'created';
}

export const main = wechatJob('init', async (ctx, event) => {
  await ctx.store.migrate();
  const collections = Object.keys(COLLECTIONS);
  const bureauAdmin = await firstBureauAdmin(ctx, event);
  return {
    ...(bureauAdmin ? { firstBureauAdmin: bureauAdmin } : {}),
    collections,
    permission: '每个集合：仅管理端可读写 (ADMINONLY)；云存储：仅管理端可读写',
    indexes: collections.flatMap((c) =>
      COLLECTIONS[c as keyof typeof COLLECTIONS].indexes.map((i) => `${c}.${i.name}${i.unique ? ' (唯一)' : ''}: ${i.fields.join(', ')}`),
    ),
  };
});
