// The person's health code: fetched live, refreshed every minute (the QR token is short-lived),
// and falling back to the last copy kept on the phone when the network is down.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MyCode, ReportSummary } from '../../types/model';
import { callFunction, type ClientError, type ClientResult } from '../services/api';
import { loadCachedCode, saveCachedCode } from '../services/codeCache';

export const REFRESH_MS = 60_000;

/**
 * H5: the answer index.html asked for before the app loaded (the account's own code), taken once,
 * so the first screen does not wait for a second round trip.
 */
function takeFirstCode(): Promise<ClientResult<MyCode> | null> | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const w = window as unknown as { __firstCode?: Promise<unknown> };
  const early = w.__firstCode;
  w.__firstCode = undefined;
  return early ? early.then((r) => (r && typeof r === 'object' && 'ok' in r ? (r as ClientResult<MyCode>) : null)) : null;
}

/** The app's own card is up: the first-screen copy drawn by index.html goes. */
export function firstScreenDone(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  (window as unknown as { __codeShown?: boolean }).__codeShown = true;
  document.getElementById('first-code')?.remove();
}

export interface MyCodeState {
  status: 'loading' | 'live' | 'offline' | 'error';
  code: MyCode | null;
  error: ClientError | null;
}

/** `personId`: a family member's code (family.add); absent = the account's own. `refreshMs` 0: once. */
export function useMyCode(refreshMs: number = REFRESH_MS, personId?: string): MyCodeState & { refresh: () => Promise<void> } {
  const [state, setState] = useState<MyCodeState>({ status: 'loading', code: null, error: null });
  const alive = useRef(true);

  const refresh = useCallback(async () => {
    const early = personId ? null : takeFirstCode();
    const r = (early && (await early)) || (await callFunction('code', { action: 'mine', ...(personId ? { personId } : {}) }));
    if (!alive.current) return;
    if (r.ok) {
      saveCachedCode(r.data);
      setState({ status: 'live', code: r.data, error: null });
      return;
    }
    const cached = r.error.code === 'NETWORK' ? loadCachedCode() : null;
    setState(cached ? { status: 'offline', code: cached, error: r.error } : { status: 'error', code: null, error: r.error });
  }, [personId]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    // 0: read once (a page that only needs to know the code, not show its QR).
    const timer = refreshMs > 0 ? setInterval(() => void refresh(), refreshMs) : undefined;
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, [refresh, refreshMs]);

  return { ...state, refresh };
}

export function useMyReports(personId?: string): { reports: ReportSummary[] | null; error: ClientError | null; reload: () => Promise<void> } {
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const reload = useCallback(async () => {
    const r = await callFunction('report', { action: 'list', ...(personId ? { personId } : {}) });
    if (r.ok) {
      setReports(r.data.reports);
      setError(null);
    } else setError(r.error);
  }, [personId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { reports, error, reload };
}
