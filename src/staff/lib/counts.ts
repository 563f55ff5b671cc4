// Today's work on the workbench, per duty: how many wait, read from the lists each tool shows (the
// server checks the role on each; a list the role may not read just shows no number).
import { callFunction } from '../../services/api';

export interface DutyCount {
  count: number;
  /** More than `count` wait (the list goes on past the page read). */
  more?: boolean;
  label: string;
}

type Loader = () => Promise<DutyCount | null>;

const LOADERS: Record<string, Loader> = {
  '/staff/pages/arrivals/index': async () => {
    const r = await callFunction('arrivals', { action: 'list', limit: 500 });
    if (!r.ok) return null;
    // Not yet reached or coded, or flagged by a checkpoint since: each needs the community again.
    const open = r.data.arrivals.filter((a) => a.status === 'new' || a.status === 'unreached' || a.flags.length > 0);
    return { count: open.length, more: Boolean(r.data.nextCursor), label: '待核实' };
  },
  '/staff/pages/conversions/index': async () => {
    const r = await callFunction('conversions', { action: 'list', limit: 1 });
    return r.ok ? { count: r.data.dueTotal, label: '到期待转码' } : null;
  },
  '/staff/pages/appeals/index': async () => {
    const r = await callFunction('appeal', { action: 'queue', status: 'open', limit: 1 });
    return r.ok ? { count: r.data.total, label: '待答复' } : null;
  },
};

/** The counts for the entries shown, by entry url; each loads on its own so one slow list waits alone. */
export function loadCounts(urls: string[], onCount: (url: string, c: DutyCount) => void): void {
  for (const url of urls) {
    const load = LOADERS[url];
    if (load) void load().then((c) => c && onCount(url, c)).catch(() => undefined);
  }
}
