// Appeals (三(四)) for platform staff and the Bureau: the queue of the jurisdiction, soonest deadline
// first, overdue ones marked; open one to read it and answer — corrected, or stands with the
// reason, the handling process, a contact phone and an address. The Bureau also sees its figures.
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { localDateTime } from '../../../../domain/time';
import type { AppealStaffView, AppealStats, CodeColor } from '../../../../types/model';
import { ChoiceGroup, Field, SubmitBar } from '../../../components/form';
import { CODE_LABEL } from '../../../lib/labels';
import { callFunction, type ClientError } from '../../../services/api';
import { useAccount } from '../../../hooks/useAccount';
import '../../../components/ReportForm.css';
import '../../../components/resident.css';

const STATUS = [
  { value: 'open', label: '待答复' },
  { value: 'answered', label: '已答复' },
] as const;
const OUTCOMES = [
  { value: 'stands', label: '赋码无误' },
  { value: 'wrong', label: '赋码有误，更正' },
] as const;
const COLORS: Array<{ value: CodeColor; label: string }> = [
  { value: 'green', label: '绿码' },
  { value: 'yellow', label: '黄码' },
  { value: 'red', label: '红码' },
];

function Stats() {
  const [stats, setStats] = useState<AppealStats | null>(null);
  useEffect(() => {
    void callFunction('appeal', { action: 'stats' }).then((r) => r.ok && setStats(r.data.stats));
  }, []);
  if (!stats) return null;
  return (
    <View className="resident-card" data-testid="appeal-stats">
      <Text className="resident-card__title">申诉处理情况</Text>
      <Text>24小时内答复率：{stats.shareWithin24h === null ? '暂无' : `${Math.round(stats.shareWithin24h * 1000) / 10}%`}</Text>
      <Text>超时未答复：{stats.overdueOpen} 件；超时答复：{stats.answeredLate} 件</Text>
      <Text className="resident-card__muted">
        共 {stats.total} 件，待答复 {stats.open} 件，按时答复 {stats.answeredOnTime} 件
      </Text>
    </View>
  );
}

function AnswerForm({ appeal, onDone }: { appeal: AppealStaffView; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'stands' | 'wrong'>('stands');
  const [f, setF] = useState({ reason: '', process: '', phone: '', address: '' });
  const [correctCode, setCorrectCode] = useState<CodeColor | ''>('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF((x) => ({ ...x, [k]: e.detail.value }));
  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const body =
      outcome === 'wrong'
        ? { action: 'answer' as const, id: appeal.id, outcome, reason: f.reason, ...(correctCode ? { correctCode } : {}) }
        : { action: 'answer' as const, id: appeal.id, outcome, ...f };
    const r = await callFunction('appeal', body);
    inFlight.current = false;
    setBusy(false);
    if (r.ok) onDone();
    else setError(r.error);
  };
  const err = (k: string) => (error?.field === k ? error.message : undefined);
  return (
    <View className="report__section">
      <Text className="report__title">答复</Text>
      <Field label="核查结果">
        <ChoiceGroup options={OUTCOMES} value={outcome} onChange={setOutcome} />
      </Field>
      {outcome === 'wrong' && (
        <Field label="更正后的健康码" error={err('correctCode')}>
          <ChoiceGroup options={COLORS} value={correctCode} onChange={setCorrectCode} />
        </Field>
      )}
      <Field label={outcome === 'wrong' ? '更正理由' : '赋码原因'} error={err('reason')}>
        <Textarea className="resident-textarea" value={f.reason} placeholder="答复理由" onInput={set('reason')} />
      </Field>
      {outcome === 'stands' && (
        <>
          <Field label="处理流程" error={err('process')}>
            <Textarea className="resident-textarea" value={f.process} placeholder="处理流程" onInput={set('process')} />
          </Field>
          <Field label="联系电话" error={err('phone')}>
            <Input className="text-input" value={f.phone} placeholder="联系电话" onInput={set('phone')} />
          </Field>
          <Field label="办理地址" error={err('address')}>
            <Input className="text-input" value={f.address} placeholder="办理地址" onInput={set('address')} />
          </Field>
        </>
      )}
      <SubmitBar error={error} busy={busy} label="提交答复" onSubmit={() => void submit()} />
    </View>
  );
}

function Detail({ id, onBack }: { id: string; onBack: () => void }) {
  const [appeal, setAppeal] = useState<AppealStaffView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await callFunction('appeal', { action: 'get', id });
    if (r.ok) setAppeal(r.data.appeal);
    else setError(r.error.message);
  }, [id]);
  useEffect(() => void load(), [load]);
  if (error) return <Text className="resident-note">{error}</Text>;
  if (!appeal) return <Text className="resident-note">正在加载…</Text>;
  const a = appeal.answer;
  return (
    <View>
      <Text className="resident-link" onClick={onBack}>
        ← 返回列表
      </Text>
      <View className="resident-card" data-testid="appeal-detail">
        <Text className="resident-card__title">
          {appeal.personName} {appeal.idNumberMasked}
        </Text>
        <Text>联系电话：{appeal.phone}</Text>
        <Text>
          申诉时健康码：{CODE_LABEL[appeal.codeAtSubmit.color]}（通知{appeal.codeAtSubmit.clause}）· {appeal.countyName}
        </Text>
        <Text>申诉理由：{appeal.reason}</Text>
        <Text className="resident-card__muted">
          提交于 {localDateTime(appeal.createdAt)}，答复期限 {localDateTime(appeal.deadline)}
          {appeal.overdue ? '（已超时，已转市大数据发展局）' : ''}
        </Text>
        {appeal.photos?.map((p, i) => (
          <Text key={i} className="resident-card__muted">
            照片{i + 1}：{p.type}，{Math.ceil(p.size / 1024)} KB
          </Text>
        ))}
        {a && (
          <Text>
            已答复（{a.outcome === 'wrong' ? `更正为${CODE_LABEL[a.correctedTo ?? 'green']}` : '赋码无误'}）：{a.reason}
          </Text>
        )}
      </View>
      {appeal.status === 'open' && <AnswerForm appeal={appeal} onDone={() => void load()} />}
    </View>
  );
}

export default function AppealsPage() {
  const account = useAccount();
  const [status, setStatus] = useState<'open' | 'answered'>('open');
  const [appeals, setAppeals] = useState<AppealStaffView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const load = useCallback(async () => {
    setAppeals(null);
    const r = await callFunction('appeal', { action: 'queue', status });
    if (r.ok) setAppeals(r.data.appeals);
    else setError(r.error.message);
  }, [status]);
  useEffect(() => void load(), [load]);
  if (selected) {
    return (
      <Detail
        id={selected}
        onBack={() => {
          setSelected(null);
          void load();
        }}
      />
    );
  }
  return (
    <View>
      {account?.role === 'bureau-admin' && <Stats />}
      <View style={{ margin: '24px 24px 0' }}>
        <ChoiceGroup options={STATUS} value={status} onChange={setStatus} />
      </View>
      {error && <Text className="resident-note">{error}</Text>}
      {appeals?.length === 0 && <Text className="resident-note">暂无申诉</Text>}
      {appeals?.map((a) => (
        <View key={a.id} className="resident-card" data-testid="appeal-row" onClick={() => setSelected(a.id)}>
          <Text className="resident-card__title">
            {a.personName} · {CODE_LABEL[a.codeAtSubmit.color]}
            {a.overdue ? ' · 已超时' : ''}
          </Text>
          <Text className={a.overdue ? 'resident-card__warn' : 'resident-card__muted'}>答复期限 {localDateTime(a.deadline)}</Text>
          <Text>{a.reason.length > 40 ? `${a.reason.slice(0, 40)}…` : a.reason}</Text>
        </View>
      ))}
    </View>
  );
}
