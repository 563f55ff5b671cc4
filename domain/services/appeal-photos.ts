// Staff view an appeal's photos (三(四)): storage is private, so each photo is shown through a link
// that expires after ten minutes, made only for staff whose role and jurisdiction cover the appeal,
// and every view is audited like every other read of personal data.
import { notFound } from '../errors';
import { FileNotFoundError } from '../files/port';
import { auditDetail } from '../staff/audit';
import { actingStaff, requireWithin } from '../staff/authorize';
import type { ServiceContext } from './context';

/** Ten minutes: long enough to look, short enough that a copied link is soon useless. */
export const PHOTO_LINK_SECONDS = 600;

export async function appealPhoto(ctx: ServiceContext, id: string, index: number): Promise<{ url: string; expiresAt: string; type: string }> {
  // The role was checked at the door (APPEAL_RULES), so a stranger cannot tell which appeal ids exist.
  const doc = await ctx.store.get('appeals', id);
  if (!doc) throw notFound('未找到该申诉');
  const staff = await actingStaff(ctx);
  requireWithin(staff, doc.countyCode);
  const photo = doc.photos[index];
  if (!photo) throw notFound('该申诉没有这张照片');
  if (!ctx.files.tempUrl) throw new Error('this file store cannot make temporary links');
  let url: string;
  try {
    url = await ctx.files.tempUrl(photo.fileId, PHOTO_LINK_SECONDS);
  } catch (e) {
    if (e instanceof FileNotFoundError) throw notFound('照片已不存在');
    throw e;
  }
  await auditDetail(ctx, { target: `appeals/${id}`, after: { personId: doc.personId, photo: index } });
  return { url, expiresAt: new Date(ctx.now.getTime() + PHOTO_LINK_SECONDS * 1000).toISOString(), type: photo.type };
}
