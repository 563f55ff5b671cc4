// Uploads (issue 13, Medium 7): what the local host keeps of a file posted to /local/upload, and the
// rules every file id obeys in both modes.
// - A file id is usable only by the account that uploaded it: `ownedFiles` is the FileStore every
//   call gets, and it answers another account's file exactly like a missing one. Locally the owner is
//   in `uploads`; in WeChat the app uploads under `<folder>/<OPENID>/…`, so the owner is in the id.
// - The type is read from the bytes, never from the name or the part's content type; the file is
//   kept under a random id without the uploader's extension.
// - Per-account quota (bytes and files a day) besides the rate limit; a file no action ever read is
//   removed by `sweepUnreferencedUploads` after a day (the local host runs it hourly).
import { badInput, rateLimited } from '../errors';
import { takeSlot } from '../services/rate-limit';
import type { ServiceContext } from '../services/context';
import type { FileStore } from './port';
export { ownedFiles } from './owned';

export const UPLOAD_QUOTA_BYTES = 256 * 1024 * 1024;
export const UPLOAD_QUOTA_FILES = 200;
const DAY_MS = 86_400_000;

export type UploadType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'text/plain';

/** What the bytes are: the images an appeal takes, XLSX, or text (CSV, JSON); null for anything else. */
export function detectUploadType(bytes: Buffer): UploadType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // Text: no NUL and few control bytes in the first 64 KB (UTF-8 or GBK alike).
  const head = bytes.subarray(0, 64 * 1024);
  let odd = 0;
  for (const b of head) {
    if (b === 0) return null;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) odd++;
  }
  return head.length > 0 && odd <= head.length / 100 ? 'text/plain' : null;
}

/** Keeps a file an account posted: rate limit, quota, type by content, then the bytes and the record. */
export async function acceptUpload(
  ctx: Pick<ServiceContext, 'store' | 'now' | 'rateLimits'>,
  files: FileStore,
  accountId: string,
  bytes: Buffer,
  name: string | undefined,
): Promise<{ fileId: string; size: number; type: UploadType }> {
  await takeSlot(ctx, 'upload', accountId);
  if (bytes.length === 0) throw badInput('文件是空的，请重新选择', 'file');
  const type = detectUploadType(bytes);
  if (!type) throw badInput('不支持的文件类型：请上传JPG、PNG、WebP图片，或XLSX、CSV、JSON文件', 'file');
  const since = new Date(ctx.now.getTime() - DAY_MS).toISOString();
  const today = await ctx.store.find('uploads', { where: { accountId, createdAt: { $gte: since } }, limit: UPLOAD_QUOTA_FILES + 1 });
  const used = today.reduce((n, u) => n + u.size, 0);
  if (today.length >= UPLOAD_QUOTA_FILES || used + bytes.length > UPLOAD_QUOTA_BYTES) {
    throw rateLimited(`24小时内上传已达上限（${UPLOAD_QUOTA_FILES}个文件或${UPLOAD_QUOTA_BYTES / 1024 / 1024}MB），请稍后再试`);
  }
  // The path names no extension of the uploader's: the stored file is what its bytes are.
  const fileId = await files.write('upload', bytes);
  const cleanName = name?.replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '').slice(0, 120);
  await ctx.store.insert('uploads', {
    _id: fileId,
    accountId,
    size: bytes.length,
    type,
    ...(cleanName ? { name: cleanName } : {}),
    createdAt: ctx.now.toISOString(),
  });
  return { fileId, size: bytes.length, type };
}

/** Removes uploads older than a day that no action ever read; answers how many. */
export async function sweepUnreferencedUploads(ctx: Pick<ServiceContext, 'store' | 'files' | 'now'>): Promise<{ removed: number }> {
  const before = new Date(ctx.now.getTime() - DAY_MS).toISOString();
  const stale = await ctx.store.find('uploads', { where: { createdAt: { $lt: before } }, orderBy: [['createdAt', 'asc']], limit: 1000 });
  let removed = 0;
  for (const u of stale) {
    if (u.referencedAt || u.deletedAt) continue;
    await ctx.files.remove?.(u._id);
    await ctx.store.update('uploads', u._id, { deletedAt: ctx.now.toISOString() });
    removed++;
  }
  return { removed };
}
