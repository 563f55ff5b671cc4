// Rate limits per account and per action (issue 13: one account filed 10,171 reports in 10 s). In the
// domain and in the store, so a cloud function with many instances and the local host keep the same
// limits. Each allowed attempt claims one numbered slot of its fixed window with an insert: the store's
// duplicate-key rule makes the count exact under concurrent calls, on SQLite and CloudBase alike.
import { createHash } from 'node:crypto';
import { rateLimited } from '../errors';
import { DuplicateKeyError } from '../store/port';
import { localDateTime } from '../time';
import type { ServiceContext } from './context';

export interface Limit {
  /** Attempts allowed per window. */
  max: number;
  windowMinutes: number;
  /** What is limited, in Chinese, e.g. 提交报备. */
  what: string;
}

/** Per account. Generous for a person or a family of ten; far below what a script does. */
export const LIMITS = {
  report: [
    { max: 20, windowMinutes: 10, what: '提交报备' },
    { max: 100, windowMinutes: 24 * 60, what: '提交报备' },
  ],
  /** A checkpoint files on the spot for many people in a shift. */
  'checkpoint.report': [{ max: 120, windowMinutes: 10, what: '现场报备' }],
  appeal: [{ max: 5, windowMinutes: 60, what: '提交申诉' }],
  family: [{ max: 20, windowMinutes: 24 * 60, what: '添加家庭成员' }],
  upload: [{ max: 30, windowMinutes: 10, what: '上传文件' }],
  signin: [{ max: 10, windowMinutes: 1, what: '登录' }],
} as const satisfies Record<string, readonly Limit[]>;

export type LimitedAction = keyof typeof LIMITS;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/** Counts one attempt of `action` by `key` (an account id); refuses with 429 when a window is full. */
export async function takeSlot(ctx: Pick<ServiceContext, 'store' | 'now' | 'rateLimits'>, action: LimitedAction, key: string): Promise<void> {
  if (ctx.rateLimits === false) return;
  for (const limit of LIMITS[action] as readonly Limit[]) {
    const windowMs = limit.windowMinutes * 60_000;
    const bucket = Math.floor(ctx.now.getTime() / windowMs);
    const id = digest(action, String(limit.windowMinutes), key);
    // Start at the count already taken; a concurrent winner of the same slot moves us to the next.
    let slot = await ctx.store.count('rateSlots', { key: id, bucket });
    for (;;) {
      if (slot >= limit.max) {
        const until = localDateTime(new Date((bucket + 1) * windowMs));
        throw rateLimited(`操作过于频繁：每${span(limit.windowMinutes)}最多${limit.what}${limit.max}次，请于${until}后再试`);
      }
      try {
        await ctx.store.insert('rateSlots', { _id: `rl_${id}_${bucket}_${slot}`, key: id, bucket, at: ctx.now.toISOString() });
        break;
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        slot++;
      }
    }
  }
}

function span(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? '天' : `${minutes / 1440}天`;
  if (minutes % 60 === 0) return minutes === 60 ? '小时' : `${minutes / 60}小时`;
  return minutes === 1 ? '分钟' : `${minutes}分钟`;
}
