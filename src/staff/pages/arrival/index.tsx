// Handling one report (二(三), 三(一)): the person in full (the read is audited), the origin's risk
// check, the phone verification with the management measure that sets the code, the transfer to
// the right area with the contact notified, and the whole chain.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ArrivalDetail, ContactView, Measure } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { ChoiceGroup, DateField, Field } from '../../../components/form';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { CODE_LABEL } from '../../../lib/labels';
import { inputValue, measureLabel, measureOptions, newRequestId, STATUS_LABEL, timeText, today } from '../../lib/backoffice';
import '../../lib/backoffice.css';

type Reached = 'yes' | 'no';

export default function ArrivalPage() {
  const id = useRouter().params.id ?? '';
  const [arrival, setArrival] = useState<ArrivalDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await callFunction('arrivals', { action: 'get', reportId: id });
    if (r.ok) setArrival(r.data.arrival);
    else setError(r.error.message);
  }, [id]);
  useEffect(() => void load(), [load]);

  if (error && !arrival) return <Text className="bo bo__error">{error}</Text>;
  if (!arrival) return <Text className="bo bo__muted">正在加载…</Text>;
  const r = arrival.report;
  return (
    <View className="bo">
      <View className="bo__card">
        <View className="bo__row">
          <Text className="bo__title">{r.name}</Text>
          {arrival.currentCode && <Text className={`bo__tag bo__tag--${arrival.currentCode.code}`}>{CODE_LABEL[arrival.currentCode.code]}</Text>}
          <Text className="bo__tag">{STATUS_LABEL[arrival.status]}</Text>
        </View>
        <Text>身份证号：{r.idNumber}</Text>
        <Text>手机号：{r.phone}</Text>
        <Text>抵河日期：{r.arrivalDate}</Text>
        <Text>报备目的地：{r.destination}</Text>
        <Text className="bo__muted">当前所在区域：{arrival.area.place} {arrival.area.address}</Text>
        {arrival.currentCode && <Text className="bo__muted">{arrival.currentCode.reason}（依据：通知{arrival.currentCode.clause}）</Text>}
      </View>
      <View className="bo__card">
        <Text className="bo__title">始发地风险核查</Text>
        <Text>{arrival.riskCheck.text}</Text>
        {arrival.riskCheck.stops.map((s) => (
          <Text key={s.place + s.departDate} className="bo__muted">
            {s.place}：{s.finding}
          </Text>
        ))}
      </View>
      <VerifyForm arrival={arrival} onDone={setArrival} />
      {arrival.status === 'coded' && <TransferForm arrival={arrival} onDone={setArrival} />}
      <Chain arrival={arrival} />
    </View>
  );
}

function VerifyForm({ arrival, onDone }: { arrival: ArrivalDetail; onDone: (a: ArrivalDetail) => void }) {
  const r = arrival.report;
  const first = r.itinerary[0];
  const [reached, setReached] = useState<Reached | ''>('');
  const [origin, setOrigin] = useState({ code: first?.townCode ?? '', label: first?.place ?? '' });
  const [departDate, setDepartDate] = useState(first?.departDate ?? '');
  const [arrivalDate, setArrivalDate] = useState(r.arrivalDate);
  const [dest, setDest] = useState({ code: arrival.area.villageCode, label: arrival.area.place });
  const [address, setAddress] = useState(arrival.area.address);
  const [measure, setMeasure] = useState<Measure | 'none' | ''>('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);

  const submit = async () => {
    if (busy || !reached) return;
    setBusy(true);
    const body =
      reached === 'yes'
        ? {
            action: 'verify' as const,
            requestId,
            reportId: r.id,
            reached: true,
            originTownCode: origin.code,
            departDate,
            arrivalDate,
            destination: { villageCode: dest.code, address },
            notes,
            ...(measure ? { measure } : {}),
          }
        : { action: 'verify' as const, requestId, reportId: r.id, reached: false, notes };
    const res = await callFunction('arrivals', body);
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: '已保存核实结果' });
      setRequestId(newRequestId());
      onDone(res.data.arrival);
    } else setMessage({ ok: false, text: res.error.message });
  };

  return (
    <View className="bo__card">
      <Text className="bo__title">电话核实</Text>
      <Field label="是否联系上">
        <ChoiceGroup options={[{ value: 'yes', label: '已联系上' }, { value: 'no', label: '未联系上' }] as const} value={reached} onChange={setReached} />
      </Field>
      {reached === 'yes' && (
        <>
          <Field label="始发地（核实/更正）">
            <DivisionPicker leafLevel={4} valueLabel={origin.label} placeholder="选择省/市/县/乡镇（街道）" onChange={(d) => setOrigin({ code: d.code, label: d.fullName })} />
          </Field>
          <Field label="离开始发地日期">
            <DateField value={departDate} end={today()} onChange={setDepartDate} placeholder="离开始发地日期" />
          </Field>
          <Field label="抵河日期">
            <DateField value={arrivalDate} end={today()} onChange={setArrivalDate} placeholder="抵河日期" />
          </Field>
          <Field label="目的地（确认或更正）">
            <DivisionPicker rootCode="4512" leafLevel={5} valueLabel={dest.label} placeholder="选择县（市、区）/乡镇/社区（村）" onChange={(d) => setDest({ code: d.code, label: d.fullName })} />
            <Input className="text-input" value={address} placeholder="详细地址" onInput={(e) => setAddress(inputValue(e))} />
          </Field>
          <Field label="管控措施">
            <ChoiceGroup options={measureOptions(arrival.measures)} value={measure} onChange={setMeasure} />
          </Field>
        </>
      )}
      <Field label="核实情况说明" required={reached === 'no'}>
        <Textarea className="bo__textarea" value={notes} placeholder="如：电话核实，信息无误" maxlength={500} onInput={(e) => setNotes(inputValue(e))} />
      </Field>
      {message && <Text className={message.ok ? 'bo__ok' : 'bo__error'}>{message.text}</Text>}
      <Button type="primary" block loading={busy} disabled={!reached} onClick={() => void submit()}>
        保存核实结果
      </Button>
    </View>
  );
}

function TransferForm({ arrival, onDone }: { arrival: ArrivalDetail; onDone: (a: ArrivalDetail) => void }) {
  const verified = [...arrival.verifications].reverse().find((v) => v.destination);
  const [to, setTo] = useState({ code: '', label: '' });
  const [address, setAddress] = useState(verified?.destination?.address ?? '');
  const [contacts, setContacts] = useState<ContactView[]>([]);
  const [contactId, setContactId] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [requestId] = useState(newRequestId);

  useEffect(() => {
    if (!to.code) return;
    void callFunction('staff', { action: 'listContacts', divisionCode: to.code }).then((r) => r.ok && setContacts(r.data.contacts));
  }, [to.code]);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const res = await callFunction('arrivals', {
      action: 'transfer',
      requestId,
      reportId: arrival.report.id,
      toVillageCode: to.code,
      toAddress: address,
      ...(contactId ? { contactId } : { ...(name ? { contactName: name } : {}), ...(phone ? { contactPhone: phone } : {}) }),
    });
    setBusy(false);
    if (res.ok) {
      onDone(res.data.arrival);
      void Taro.showToast({ title: '已转派', icon: 'success' });
    } else setMessage({ ok: false, text: res.error.message });
  };

  return (
    <View className="bo__card">
      <Text className="bo__title">转派（首问负责制）</Text>
      <Text className="bo__muted">目的地不在本区域时，核实并赋码后转派给正确的管控区域，并记录告知的管控人员。</Text>
      <Field label="转派目的地">
        <DivisionPicker rootCode="4512" leafLevel={5} valueLabel={to.label} placeholder="选择转派的社区（村）" onChange={(d) => setTo({ code: d.code, label: d.fullName })} />
        <Input className="text-input" value={address} placeholder="转派地址" onInput={(e) => setAddress(inputValue(e))} />
      </Field>
      <Field label="告知的管控人员">
        {contacts.length > 0 && (
          <ChoiceGroup options={contacts.map((c) => ({ value: c.id, label: `${c.name} ${c.phone}（${c.title}）` }))} value={contactId} onChange={setContactId} />
        )}
        {!contactId && (
          <>
            <Input className="text-input" value={name} placeholder="告知的管控人员姓名" onInput={(e) => setName(inputValue(e))} />
            <Input className="text-input" value={phone} placeholder="告知的管控人员电话" onInput={(e) => setPhone(inputValue(e))} />
          </>
        )}
      </Field>
      {message && <Text className={message.ok ? 'bo__ok' : 'bo__error'}>{message.text}</Text>}
      <Button block loading={busy} onClick={() => void submit()}>
        转派
      </Button>
    </View>
  );
}

function Chain({ arrival }: { arrival: ArrivalDetail }) {
  const items = [
    ...arrival.verifications.map((v) => ({
      at: v.at,
      text: v.reached
        ? `${v.actorName} 电话核实：${v.measure ? measureLabel(arrival.measures, v.measure) : ''}${v.code ? ` → ${CODE_LABEL[v.code]}（通知${v.clause}）` : ''}${v.destination?.corrected ? `；目的地更正为${v.destination.place}${v.destination.address}` : ''}${v.notes ? `；${v.notes}` : ''}`
        : `${v.actorName} 电话未联系上：${v.notes}`,
    })),
    ...arrival.transfers.map((t) => ({ at: t.at, text: `${t.actorName} 转派至${t.to}${t.address}，已告知${t.contact.name}（${t.contact.phone}）` })),
    ...arrival.codeEvents.map((e) => ({ at: e.at, text: `${e.from ? CODE_LABEL[e.from] : '无'} → ${CODE_LABEL[e.to]}（通知${e.clause}）${e.actorName ? ` · ${e.actorName}` : ''}：${e.reason}` })),
    ...arrival.tests.map((t) => ({ at: `${t.sampleDate}T00:00:00+08:00`, text: `核酸检测 ${t.sampleDate} 采样：${t.result === 'negative' ? '阴性' : '阳性'}${t.site ? `（${t.site}）` : ''}` })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return (
    <View className="bo__card">
      <Text className="bo__title">处理记录</Text>
      {items.map((i, n) => (
        <View key={n} className="bo__item">
          <Text className="bo__muted">{timeText(i.at)}</Text>
          <Text>{i.text}</Text>
        </View>
      ))}
    </View>
  );
}
