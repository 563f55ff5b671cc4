// A long list read a page at a time with the server's cursor (types/api/risk.ts `Page`): the first page
// when the key changes, the next on `more()`; an answer for an older key is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../types/api/risk';
import type { ClientResult } from '../../services/api';

export type PageLoader<T> = (cursor?: string) => Promise<ClientResult<Page<T>>>;

export interface Paged<T> {
  items: T[];
  total: number;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  /** Whether the first page has arrived. */
  loaded: boolean;
  more(): void;
  reload(): void;
  /** Replaces items in place (e.g. a group after its decision). */
  update(fn: (item: T) => T): void;
}

export function usePaged<T>(load: PageLoader<T> | null, key: string): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (cursor: string | undefined, append: boolean) => {
    const fn = loadRef.current;
    if (!fn) return;
    const mine = generation.current;
    setLoading(true);
    setError(null);
    const r = await fn(cursor);
    if (mine !== generation.current) return;
    setLoading(false);
    if (!r.ok) return setError(r.error.message);
    setItems((prev) => (append ? [...prev, ...r.data.items] : r.data.items));
    setTotal(r.data.total);
    setNext(r.data.nextCursor);
    setLoaded(true);
  }, []);

  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setTotal(0);
    setNext(undefined);
    setLoaded(false);
    setLoading(false);
    if (loadRef.current) void fetchPage(undefined, false);
  }, [key, reloads, fetchPage]);

  return {
    items,
    total,
    hasMore: !!next,
    loading,
    error,
    loaded,
    more: () => {
      if (next && !loading) void fetchPage(next, true);
    },
    reload: () => setReloads((n) => n + 1),
    update: (fn) => setItems((prev) => prev.map(fn)),
  };
}
