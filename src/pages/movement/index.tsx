// 限时流动 application: hours (1—24), from the arrival point to the residence.
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Field, SubmitBar } from '../../components/form';
import { callFunction, type ClientError } from '../../services/api';
import '../../components/ReportForm.css';
import '../../components/resident.css';

const CONDITIONS = '期间严禁到各人员密集场所；做好佩戴口罩等个人防护措施；可暂时乘坐交通工具，但仅限从抵河地返回住地。';

export default function MovementPage() {
  const personId = useRouter().params.personId;
  const [hours, setHours] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const submit = async () => {
    if (inFlight.current) return;
    const n = Number(hours);
    if (!/^\d{1,2}$/.test(hours.trim()) || n < 1 || n > 24) {
      setError({ code: 'BAD_INPUT', message: '限时流动时长应为1到24之间的整数（小时）', field: 'hours' });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const r = await callFunction('movement', { action: 'apply', hours: n, from: from.trim(), to: to.trim(), ...(personId ? { personId } : {}) });
    inFlight.current = false;
    setBusy(false);
    if (r.ok) void Taro.reLaunch({ url: '/pages/code/index' });
    else setError(r.error);
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <View className="report">
      <View className="report__section">
        <Text className="report__title">申请限时流动</Text>
        <Text className="resident-note">每次赋黄码只有一次申请机会，提交后立即生效；到期自动恢复黄码。{CONDITIONS}</Text>
        <Field label="时长（小时）" error={fieldError('hours')}>
          <Input className="text-input" type="number" maxlength={2} value={hours} placeholder="1—24的整数" onInput={(e) => setHours(e.detail.value)} />
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
