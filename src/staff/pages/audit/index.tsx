// The Bureau's audit log search: who did what to whom, when, before and after, and why.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AuditView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { DateField, Field } from '../../../components/form';
import { ROLE_LABELS } from '../../../../domain/labels';
import { inputValue, timeText, today } from '../../lib/backoffice';
import '../../lib/backoffice.css';

export default function AuditPage() {
  const [actorId, setActorId] = useState('');
  const [target, setTarget] = useState('');
  const [auditAction, setAuditAction] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [entries, setEntries] = useState<AuditView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    const r = await callFunction('staff', {
      action: 'searchAudit',
      ...(actorId.trim() ? { actorId: actorId.trim() } : {}),
      ...(target.trim() ? { target: target.trim() } : {}),
      ...(auditAction.trim() ? { auditAction: auditAction.trim() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: 200,
    });
    if (r.ok) {
      setEntries(r.data.entries);
      setError(null);
    } else setError(r.error.message);
  };

  return (
    <View className="bo">
      <View className="bo__card">
        <Field label="操作人账号" required={false}>
          <Input className="text-input" value={actorId} placeholder="账号编号（选填）" onInput={(e) => setActorId(inputValue(e))} />
        </Field>
        <Field label="操作对象" required={false}>
          <Input className="text-input" value={target} placeholder="如 reports/r_…（选填）" onInput={(e) => setTarget(inputValue(e))} />
        </Field>
        <Field label="操作类型" required={false}>
          <Input className="text-input" value={auditAction} placeholder="如 conversions.confirm（选填）" onInput={(e) => setAuditAction(inputValue(e))} />
        </Field>
        <Field label="日期范围" required={false}>
          <DateField value={from} end={today()} onChange={setFrom} placeholder="开始日期" />
          <DateField value={to} end={today()} onChange={setTo} placeholder="结束日期" />
        </Field>
        {error && <Text className="bo__error">{error}</Text>}
        <Button type="primary" block onClick={() => void search()}>
          查询
        </Button>
      </View>
      {entries && (
        <View className="bo__card">
          {entries.length === 0 && <Text className="bo__muted">没有符合条件的记录</Text>}
          {entries.map((e) => (
            <View key={e.id} className="bo__item">
              <View className="bo__row">
                <Text className="bo__title">{e.action}</Text>
                {e.override && <Text className="bo__tag bo__tag--red">提前转码</Text>}
              </View>
              <Text className="bo__muted">
                {timeText(e.at)} · {e.actorName}（{ROLE_LABELS[e.role]}）· {e.target}
              </Text>
              {e.reason && <Text>理由：{e.reason}</Text>}
              {e.before !== undefined && <Text className="bo__muted">之前：{JSON.stringify(e.before)}</Text>}
              {e.after !== undefined && <Text className="bo__muted">之后：{JSON.stringify(e.after)}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
