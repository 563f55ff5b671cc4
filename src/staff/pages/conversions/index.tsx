// Conversions (转码) for the area administrator: who is due (red entering monitoring, yellow with
// monitoring done and a negative result), who is waiting and for what; batch confirm. Converting
// someone not yet due needs a written reason and is recorded as an override.
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ConversionItem } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { CODE_LABEL } from '../../../lib/labels';
import { inputValue } from '../../lib/backoffice';
import '../../lib/backoffice.css';

export default function ConversionsPage() {
  const [lists, setLists] = useState<{ due: ConversionItem[]; waiting: ConversionItem[] } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(async () => {
    const r = await callFunction('conversions', { action: 'list' });
    if (r.ok) {
      setLists(r.data);
      setSelected(new Set(r.data.due.map((i) => i.personId)));
    } else setMessage({ ok: false, text: r.error.message });
  }, []);
  useDidShow(() => void load());

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const confirm = async () => {
    if (busy || !lists || selected.size === 0) return;
    const all = [...lists.due, ...lists.waiting].filter((i) => selected.has(i.personId));
    setBusy(true);
    const r = await callFunction('conversions', {
      action: 'confirm',
      items: all.map((i) => ({ personId: i.personId, from: i.from as 'red' | 'yellow' })),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setMessage({ ok: true, text: `已转码${r.data.converted.length}人${r.data.skipped.length ? `，${r.data.skipped.length}人已转码过` : ''}` });
      setReason('');
      void load();
    } else setMessage({ ok: false, text: r.error.message });
  };

  if (!lists) return <Text className="bo bo__muted">{message?.text ?? '正在加载…'}</Text>;
  const earlySelected = lists.waiting.some((i) => selected.has(i.personId));
  const row = (i: ConversionItem) => (
    <View key={i.personId} className="bo__item conversion-row" onClick={() => toggle(i.personId)}>
      <View className="bo__row">
        <Text className={`bo__check${selected.has(i.personId) ? ' bo__check--on' : ''}`}>{selected.has(i.personId) ? '✓' : ''}</Text>
        <Text className="bo__title">{i.name}</Text>
        <Text className={`bo__tag bo__tag--${i.from}`}>{CODE_LABEL[i.from]}</Text>
        <Text>→</Text>
        <Text className={`bo__tag bo__tag--${i.to}`}>{CODE_LABEL[i.to]}</Text>
        <Text className="bo__muted">依据：通知{i.clause}</Text>
      </View>
      <Text className="bo__muted">
        {i.idNumberMasked} · 抵河{i.arrivalDate} · 赋码{i.since} · {i.place}
      </Text>
      {!i.due && (
        <Text className="bo__muted">
          {i.dueDate ? `${i.dueDate}起可转` : '须解除管控措施后转'}
          {i.missing === 'negative-test' ? '；尚缺监测开始后采样的阴性核酸结果' : ''}
        </Text>
      )}
    </View>
  );
  return (
    <View className="bo">
      <View className="bo__card">
        <Text className="bo__title">待转码（已到期）{lists.due.length}人</Text>
        {lists.due.length === 0 && <Text className="bo__muted">暂无</Text>}
        {lists.due.map(row)}
      </View>
      <View className="bo__card">
        <Text className="bo__title">未到期 {lists.waiting.length}人</Text>
        <Text className="bo__muted">提前转码须填写理由，并在审计日志中标记为提前转码。</Text>
        {lists.waiting.map(row)}
      </View>
      <View className="bo__card">
        {earlySelected && <Textarea className="bo__textarea" value={reason} placeholder="提前转码理由（必填）" onInput={(e) => setReason(inputValue(e))} />}
        {message && <Text className={message.ok ? 'bo__ok' : 'bo__error'}>{message.text}</Text>}
        <Button type="primary" block loading={busy} disabled={selected.size === 0} onClick={() => void confirm()}>
          确认转码（{selected.size}人）
        </Button>
      </View>
    </View>
  );
}
