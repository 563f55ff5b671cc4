// 限时流动 application: hours (the policy's range, 1—24 in Hechi), from the arrival point to the residence,
// with a reason where the policy opens windows only on request. One chance per yellow
// code: a code that cannot apply (red, green, or the chance used) is told so before any form, and
// the application is confirmed before it is sent.
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ChoiceGroup, Field, SubmitBar } from '../../components/form';
import { useMyCode } from '../../hooks/useMyCode';
import { callFunction, type ClientError } from '../../services/api';
import '../../components/ReportForm.css';
import '../../components/resident.css';

/** The Hechi rule, until the code (with the policy in force) has been read. */
const HECHI_RULE = { minHours: 1, maxHours: 24, onRequestFor: null as string[] | null, conditions: [] as string[] };

export default function MovementPage() {
  const personId = useRouter().params.personId;
  const [hours, setHours] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [requestReason, setRequestReason] = useState('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  // Refresh 0: read once, for whether this code may apply.
  const code = useMyCode(0, personId);
  const rule = code.code?.movementRule ?? HECHI_RULE;
  const submit = async () => {
    if (inFlight.current) return;
    const n = Number(hours);
    if (!/^\d{1,2}$/.test(hours.trim()) || n < rule.minHours || n > rule.maxHours) {
      setError({ code: 'BAD_INPUT', message: `限时流动时长应为${rule.minHours}到${rule.maxHours}之间的整数（小时）`, field: 'hours' });
      return;
    }
    if (rule.onRequestFor && !rule.onRequestFor.includes(requestReason)) {
      setError({ code: 'BAD_INPUT', message: `请选择申请事由（仅限${rule.onRequestFor.join('、')}）`, field: 'requestReason' });
      return;
    }
    const sure = await Taro.showModal({
      title: '确认申请限时流动',
      content: `每次赋黄码只有一次机会，提交后立即开始计时：${n}小时，${from.trim() || '出发地'} → ${to.trim() || '目的地'}。`,
      confirmText: '确认申请',
      cancelText: '再想想',
    }).catch(() => ({ confirm: false }));
    if (!sure.confirm) return;
    inFlight.current = true;
    setBusy(true);
    const r = await callFunction('movement', {
      action: 'apply',
      hours: n,
      from: from.trim(),
      to: to.trim(),
      ...(rule.onRequestFor ? { requestReason } : {}),
      ...(personId ? { personId } : {}),
    });
    inFlight.current = false;
    setBusy(false);
    if (r.ok) void Taro.reLaunch({ url: '/pages/code/index' });
    else setError(r.error);
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  const decision = code.code?.decision;
  const refusal = !code.code
    ? null
    : !decision
      ? '您还没有健康码：请先填报“一键直报”。'
      : decision.code === 'red'
        ? '红码人员不能申请限时流动：须按要求集中管理，转为黄码后如符合条件可申请。'
        : decision.code === 'green'
          ? '绿码无需申请限时流动。'
          : code.code.movementWindow
            ? '您正在限时流动中，可在健康码页查看剩余时间。'
            : !code.code.movementWindowAvailable
              ? '本次黄码不能申请限时流动：每次赋黄码只有一次机会（已申请过），或该黄码不属于可申请的情形。'
              : null;
  if (code.status === 'loading') return <Text className="resident-note">正在查询是否可以申请…</Text>;
  if (refusal) {
    return (
      <View className="resident-card" data-testid="movement-refusal">
        <Text className="resident-card__title">不能申请限时流动</Text>
        <Text>{refusal}</Text>
      </View>
    );
  }
  return (
    <View className="report">
      <View className="report__section">
        <Text className="report__title">申请限时流动</Text>
        <Text className="resident-note">
          每次赋黄码只有一次申请机会，提交后立即生效；到期自动恢复黄码。{rule.conditions.join('；')}
          {rule.conditions.length ? '。' : ''}
        </Text>
        {rule.onRequestFor && (
          <Field label="申请事由" error={fieldError('requestReason')}>
            <ChoiceGroup options={rule.onRequestFor.map((r) => ({ value: r, label: r }))} value={requestReason} onChange={setRequestReason} />
          </Field>
        )}
        <Field label="时长（小时）" error={fieldError('hours')}>
          <Input className="text-input" type="number" maxlength={2} value={hours} placeholder={`${rule.minHours}—${rule.maxHours}的整数`} onInput={(e) => setHours(e.detail.value)} />
        </Field>
        <Field label="出发地（抵河地）" error={fieldError('from')}>
          <Input className="text-input" value={from} placeholder="如：河池站" onInput={(e) => setFrom(e.detail.value)} />
        </Field>
        <Field label="目的地（住地）" error={fieldError('to')}>
          <Input className="text-input" value={to} placeholder="住地详细地址" onInput={(e) => setTo(e.detail.value)} />
        </Field>
      </View>
      <SubmitBar error={error} busy={busy} label="提交申请" onSubmit={() => void submit()} />
    </View>
  );
}
