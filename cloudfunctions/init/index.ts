// Cloud function `init`: the deploy-time step the Bureau runs once per environment (and after an
// upgrade that adds collections) — from the console's 云端测试, never from the app (a call with an
// OPENID is refused). It creates every collection in COLLECTIONS that does not exist yet, so no
// other function spends a cold start on createCollection. wx-server-sdk cannot create indexes or
// set permissions: its answer lists the indexes to create and the permission every collection
// needs (README "Deploying to WeChat cloud"; `npx tsx scripts/cloud-check.ts` verifies both).
import { COLLECTIONS } from '../../domain/store/collections';
import { wechatJob } from '../shared/wechat';

export const main = wechatJob('init', async (ctx) => {
  await ctx.store.migrate();
  const collections = Object.keys(COLLECTIONS);
  return {
    collections,
    permission: '每个集合：仅管理端可读写 (ADMINONLY)；云存储：仅管理端可读写',
    indexes: collections.flatMap((c) =>
      COLLECTIONS[c as keyof typeof COLLECTIONS].indexes.map((i) => `${c}.${i.name}${i.unique ? ' (唯一)' : ''}: ${i.fields.join(', ')}`),
    ),
  };
});
