// The dashboard's data: 14 days × 11 counties, and the list behind a chosen number.
import { useEffect, useMemo, useState } from 'react';
import type { DashboardOutputs, DrillRow, Metric } from '../../../types/api/dashboard';
import { METRICS } from '../../../types/dashboard';
import { callFunction, type ClientError } from '../../services/api';

export type Daily = DashboardOutputs['daily'];

/** Sum of a metric per day over the chosen county (or all), for the chart. */
export function series(daily: Daily, metric: Metric, county: string | null): Array<{ date: string; value: number }> {
  const byDay = new Map<string, number>();
  for (const r of daily.rows) {
    if (county && r.countyCode !== county) continue;
    byDay.set(r.date, (byDay.get(r.date) ?? 0) + r[metric]);
  }
  return [...byDay.entries()].map(([date, value]) => ({ date, value }));
}

export function useDashboard() {
  const [daily, setDaily] = useState<Daily | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [list, setList] = useState<{ title: string; rows: DrillRow[] } | null>(null);
  useEffect(() => {
    void callFunction('dashboard', { action: 'daily' }).then((r) => (r.ok ? setDaily(r.data) : setError(r.error)));
  }, []);
  const days = useMemo(() => [...new Set(daily?.rows.map((r) => r.date) ?? [])], [daily]);

  async function open(date: string, countyCode: string, metric: Metric, title: string) {
    const r = await callFunction('dashboard', { action: 'list', date, countyCode, metric });
    if (r.ok) setList({ title, rows: r.data.rows });
    else setError(r.error);
  }

  return { daily, error, days, list, open, closeList: () => setList(null), metrics: METRICS };
}
