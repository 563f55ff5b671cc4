// The Bureau's audit log search: who did what to whom, when, before and after, and why — in words.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AuditView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { DateField, Field } from '../../../components/form';
import { ROLE_LABELS } from '../../../../domain/labels';
import { actionText, AUDIT_ACTION_CHOICES, fieldsText, targetText } from '../../lib/auditText';
import { inputValue, timeText, today } from '../../lib/backoffice';
import '../../lib/backoffice.css';

export default function AuditPage() {
  const [actorId, setActorId] = useState('');
  const [target, setTarget] = useState('');
  const [auditAction, setAuditAction] = useState('');
  const [actorName, setActorName] = useState('');
  const [personName, setPersonName] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [entries, setEntries] = useState<AuditView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [capped, setCapped] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    const r = await callFunction('staff', {
      action: 'searchAudit',
      ...(actorId.trim() ? { actorId: actorId.trim() } : {}),
      ...(target.trim() ? { target: target.trim() } : {}),
      ...(personName.trim() ? { personName: personName.trim() } : {}),
      ...(auditAction.trim() ? { auditAction: auditAction.trim() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: 200,
    });
    if (r.ok) {
      setEntries(r.data.entries);
      setTotal(r.data.total);
      setCapped(r.data.totalCapped === true);
      setError(null);
    } else setError(r.error.message);
  };

  const shown = (entries ?? []).filter((e) => !actorName.trim() || e.actorName.includes(actorName.trim()));
  return (
    <View className="bo">
      <View className="bo__card">
        <Field label="操作人账号" required={false}>
          <Input className="text-input" value={actorId} placeholder="账号编号（选填）" onInput={(e) => setActorId(inputValue(e))} />
        </Field>
        <Field label="操作对象" required={false}>
          <Input className="text-input" value={target} placeholder="如 reports/r_…（选填）" onInput={(e) => setTarget(inputValue(e))} />
        </Field>
        <Field label="被操作人姓名" required={false}>
          <Input className="text-input" value={personName} placeholder="居民姓名：查对其本人和其报备的操作（选填）" onInput={(e) => setPersonName(inputValue(e))} />
        </Field>
        <Field label="操作人姓名" required={false}>
          <Input className="text-input" value={actorName} placeholder="在查到的记录中按姓名筛选（选填）" onInput={(e) => setActorName(inputValue(e))} />
        </Field>
        <Field label="操作类型" required={false}>
          {process.env.TARO_ENV === 'h5' ? (
            // The browser's own list: a mouse or keyboard picks from 30 actions faster than a wheel.
            <select className="text-input" value={auditAction} aria-label="操作类型" onChange={(e) => setAuditAction(e.currentTarget.value)}>
              <option value="">全部</option>
              {AUDIT_ACTION_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : (
            <Picker mode="selector" range={['全部', ...AUDIT_ACTION_CHOICES.map((c) => c.label)]} onChange={(e) => setAuditAction(Number(e.detail.value) === 0 ? '' : AUDIT_ACTION_CHOICES[Number(e.detail.value) - 1]!.value)}>
              <View className="text-input">
                <Text>{auditAction ? actionText(auditAction) : '全部'}</Text>
              </View>
            </Picker>
          )}
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
          {shown.length === 0 && <Text className="bo__muted">没有符合条件的记录</Text>}
          {/* Nobody falls off silently: say when the search found more than one page shows. */}
          {/* The server counts up to a cap: past it, "more than" is what it knows. */}
          {total > (entries?.length ?? 0) && (
            <Text className="bo__muted">
              {capped ? `超过${total}条` : `共${total}条`}，显示最近{entries?.length}条；请缩小日期范围或加条件
            </Text>
          )}
          {shown.map((e) => (
            <View key={e.id} className="bo__item" data-testid="audit-entry">
              <View className="bo__row">
                <Text className="bo__title">
                  {e.actorName}（{ROLE_LABELS[e.role]}）{actionText(e.action)}
                </Text>
                {e.override && <Text className="bo__tag bo__tag--red">提前转码</Text>}
              </View>
              <Text className="bo__muted">
                {timeText(e.at)} · 对象：{e.targetName ? `${e.targetName} · ` : ''}{targetText(e.target)}
              </Text>
              {e.reason && <Text>理由：{e.reason}</Text>}
              {e.before !== undefined && <Text className="bo__muted">之前：{fieldsText(e.before)}</Text>}
              {e.after !== undefined && <Text className="bo__muted">之后：{fieldsText(e.after)}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
