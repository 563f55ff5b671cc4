// Community daily list (二(三)): today's reports returning to my area first, then the unhandled older
// ones, with the current code. Identifiers are masked here; the handling view shows them in full.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ArrivalRow } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { CODE_LABEL } from '../../../lib/labels';
import { STATUS_LABEL } from '../../lib/backoffice';
import '../../lib/backoffice.css';

export default function ArrivalsPage() {
  const [rows, setRows] = useState<ArrivalRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The list is paged by the server: more rows on request.
  const [next, setNext] = useState<string | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const load = useCallback(async (cursor?: string) => {
    const r = await callFunction('arrivals', { action: 'list', ...(cursor ? { cursor } : {}) });
    if (!r.ok) return setError(r.error.message);
    setRows((old) => (cursor ? [...(old ?? []), ...r.data.arrivals] : r.data.arrivals));
    setNext(r.data.nextCursor);
    setTotal(r.data.total);
  }, []);
  useDidShow(() => void load());

  if (error) return <Text className="bo bo__error">{error}</Text>;
  if (!rows) return <Text className="bo bo__muted">正在加载…</Text>;
  return (
    <View className="bo">
      {rows.length === 0 && <Text className="bo__muted">今天没有返回本区域的报备，也没有待处理的记录</Text>}
      {rows.map((r) => (
        <View key={r.reportId} className="bo__card arrival-row" onClick={() => void Taro.navigateTo({ url: `/staff/pages/arrival/index?id=${r.reportId}` })}>
          <View className="bo__row">
            <Text className="bo__title">{r.name}</Text>
            {r.code && <Text className={`bo__tag bo__tag--${r.code}`}>{CODE_LABEL[r.code]}</Text>}
            <Text className={`bo__tag${r.status === 'new' || r.status === 'transferred' ? ' bo__tag--new' : ''}`}>{STATUS_LABEL[r.status]}</Text>
            {r.today && <Text className="bo__tag bo__tag--new">今日</Text>}
            {/* A checkpoint found a problem after it was handled: the community's to-do again. */}
            {r.flags.length > 0 && r.status !== 'new' && r.status !== 'unreached' && <Text className="bo__tag bo__tag--red">卡口标记待处理</Text>}
          </View>
          <Text className="bo__muted">
            {r.idNumberMasked} · {r.phoneMasked}
          </Text>
          <Text>抵河：{r.arrivalDate} · 来自 {r.origin}</Text>
          <Text className="bo__muted">目的地：{r.destination}</Text>
          {r.flags.map((f) => (
            <Text key={f} className="bo__error arrival-row__flag">
              卡口标记 · {f}
            </Text>
          ))}
        </View>
      ))}
      {next && (
        <Text className="bo__muted arrival-more" onClick={() => void load(next)}>
          已显示 {rows.length} / {total} 条，点此加载更多
        </Text>
      )}
    </View>
  );
}
