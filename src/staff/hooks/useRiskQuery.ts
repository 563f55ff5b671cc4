// The quick query (三(三)): find a city, county or street by name, then ask whether it has risk areas
// on a day, its areas read a page at a time. A search or query that finds nothing clears the last
// answer, so an old answer is never read out for a new name.
import { useEffect, useRef, useState } from 'react';
import type { RiskAreaView, RiskQueryAnswer, RiskOutputs } from '../../../types/api/risk';
import { callFunction } from '../../services/api';
import { todayInShanghai } from '../lib/risk';

export type FoundPlace = RiskOutputs['search']['places'][number];
const SEARCH_DELAY_MS = 300;
const AREAS_PAGE = 50;

export function useRiskQuery() {
  const [q, setQ] = useState('');
  const [date, setDate] = useState(todayInShanghai());
  const [places, setPlaces] = useState<FoundPlace[]>([]);
  const [answer, setAnswer] = useState<RiskQueryAnswer | null>(null);
  const [areas, setAreas] = useState<RiskAreaView[]>([]);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const searched = useRef(0);
  const asked = useRef(0);
  // Choosing a place fills the box with its name: that is not a new search.
  const skipSearch = useRef(false);

  useEffect(() => {
    const text = q.trim();
    const mine = ++searched.current;
    if (skipSearch.current) {
      skipSearch.current = false;
      return;
    }
    setNotFound(null);
    if (!text) return setPlaces([]);
    const timer = setTimeout(() => {
      void callFunction('risk', { action: 'search', q: text.slice(0, 30) }).then((r) => {
        if (mine !== searched.current) return;
        if (!r.ok) return setError(r.error.message);
        setError(null);
        setPlaces(r.data.places);
        if (r.data.places.length === 0) {
          setNotFound(`未找到“${text}”，请换一个城市、区县或街道名称`);
          setAnswer(null);
          setAreas([]);
        }
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q]);

  async function ask(code: string, on = date) {
    const mine = ++asked.current;
    setError(null);
    setNotFound(null);
    const r = await callFunction('risk', { action: 'query', code, limit: AREAS_PAGE, ...(on === todayInShanghai() ? {} : { date: on }) });
    if (mine !== asked.current) return;
    if (r.ok) {
      setAnswer(r.data);
      setAreas(r.data.areas.items);
      return;
    }
    setAnswer(null);
    setAreas([]);
    if (r.error.code === 'NOT_FOUND') setNotFound(`未找到：${r.error.message}`);
    else setError(r.error.message);
  }

  async function more() {
    const cursor = answer?.areas.nextCursor;
    if (!answer || !cursor || loadingMore) return;
    setLoadingMore(true);
    const r = await callFunction('risk', {
      action: 'query',
      code: answer.place.code,
      cursor,
      limit: AREAS_PAGE,
      ...(answer.asOf === todayInShanghai() ? {} : { date: answer.asOf }),
    });
    setLoadingMore(false);
    if (!r.ok) return setError(r.error.message);
    setAnswer(r.data);
    setAreas((prev) => [...prev, ...r.data.areas.items]);
  }

  return {
    q,
    setQ,
    date,
    setDate: (d: string) => {
      setDate(d);
      if (answer) void ask(answer.place.code, d);
    },
    places,
    choose: (p: FoundPlace) => {
      setPlaces([]);
      skipSearch.current = true;
      setQ(p.fullName);
      void ask(p.code);
    },
    answer,
    areas,
    hasMore: !!answer?.areas.nextCursor,
    loadingMore,
    more: () => void more(),
    notFound,
    error,
  };
}
