// The area administrator's worklist of looser codes that a new risk list would give: never applied by
// itself; applied (or the code kept) here, each with a reason.
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RecodeWorkItem } from '../../../../types/api/risk';
import { callFunction } from '../../../services/api';
import { CODE_LABEL } from '../../../lib/labels';
import '../../lib/risk.css';

function Item({ item, onDone }: { item: RecodeWorkItem; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ok = reason.trim().length >= 2;
  async function decide(apply: boolean) {
    if (!ok) return setError('请先写明处理说明');
    const r = await callFunction('risk', { action: 'recodeDecide', id: item.id, apply, reason });
    if (r.ok) onDone();
    else setError(r.error.message);
  }
  return (
    <View className="risk__card">
      <Text className="risk__title">
        {item.name} {item.idNumberMasked}
      </Text>
      <Text className="risk__muted">
        抵河{item.arrivalDate}，{item.destination}；{item.listDate}名单
      </Text>
      <Text>
        现为<Text className={`risk__tag risk__tag--${item.from.color}`}>{CODE_LABEL[item.from.color]}</Text>（{item.from.clause}），按新名单为
        <Text className={`risk__tag risk__tag--${item.proposed.code}`}>{CODE_LABEL[item.proposed.code]}</Text>（{item.proposed.clause}）
      </Text>
      <Text className="risk__muted">{item.proposed.reason}</Text>
      <Input className="risk__input" placeholder="处理说明（如：电话核实无其他行程）" value={reason} onInput={(e) => setReason(e.detail.value)} />
      <View className="risk__row">
        <View className={`risk__btn${ok ? '' : ' risk__btn--off'}`} onClick={() => void decide(true)}>
          <Text>按新名单转码</Text>
        </View>
        <View className={`risk__btn risk__btn--plain`} onClick={() => void decide(false)}>
          <Text>维持原码</Text>
        </View>
      </View>
      {error && <Text className="risk__error">{error}</Text>}
    </View>
  );
}

export default function RecodeReview() {
  const [items, setItems] = useState<RecodeWorkItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => void callFunction('risk', { action: 'recodeWorklist' }).then((r) => (r.ok ? setItems(r.data.items) : setError(r.error.message)));
  useEffect(load, []);
  if (error) return <Text className="risk risk__error">{error}</Text>;
  if (!items) return <Text className="risk risk__muted">正在加载…</Text>;
  return (
    <View className="risk">
      {items.length === 0 && <Text className="risk__muted">没有待确认的转码</Text>}
      {items.map((i) => (
        <Item key={i.id} item={i} onDone={load} />
      ))}
    </View>
  );
}
