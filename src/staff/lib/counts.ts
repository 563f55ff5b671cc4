// Today's work on the workbench, per duty: how many wait, read from the lists each tool shows (the
// server checks the role on each; a list the role may not read just shows no number).
import { callFunction } from '../../services/api';

export interface DutyCount {
  count: number;
  label: string;
}

/** A list's length, whether the answer is a plain array or a page with its total. */
const sizeOf = (list: unknown): number =>
  Array.isArray(list) ? list.length : typeof (list as { total?: unknown })?.total === 'number' ? (list as { total: number }).total : 0;

type Loader = () => Promise<DutyCount | null>;

const LOADERS: Record<string, Loader> = {
  '/staff/pages/arrivals/index': async () => {
    const r = await callFunction('arrivals', { action: 'list' });
    if (!r.ok) return null;
    const rows = r.data.arrivals as unknown;
    const items = Array.isArray(rows) ? rows : ((rows as { items?: unknown[] })?.items ?? []);
    // Not yet reached or coded, or flagged by a checkpoint since: each needs the community again.
    const open = (items as Array<{ status: string; flags: string[] }>).filter((a) => a.status === 'new' || a.status === 'unreached' || a.flags.length > 0);
    return { count: open.length, label: '待核实' };
  },
  '/staff/pages/conversions/index': async () => {
    const r = await callFunction('conversions', { action: 'list' });
    return r.ok ? { count: sizeOf(r.data.due), label: '到期待转码' } : null;
  },
  '/staff/pages/appeals/index': async () => {
    const r = await callFunction('appeal', { action: 'queue', status: 'open' });
    return r.ok ? { count: sizeOf(r.data.appeals), label: '待答复' } : null;
  },
};

/** The counts for the entries shown, by entry url; each loads on its own so one slow list waits alone. */
export function loadCounts(urls: string[], onCount: (url: string, c: DutyCount) => void): void {
  for (const url of urls) {
    const load = LOADERS[url];
    if (load) void load().then((c) => c && onCount(url, c)).catch(() => undefined);
  }
}
