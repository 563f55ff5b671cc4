// 家庭成员: add elders and children without a phone, show their codes, file their reports.
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { FamilyRelation } from '../../../types/model';
import { ChoiceGroup, Field, SubmitBar } from '../../components/form';
import { useFamily } from '../../hooks/useFamily';
import { callFunction, type ClientError } from '../../services/api';
import { saveSelectedPerson } from '../../services/selectedPerson';
import '../../components/ReportForm.css';
import '../../components/resident.css';

const RELATIONS: Array<{ value: FamilyRelation; label: string }> = [
  { value: 'parent', label: '父母' },
  { value: 'grandparent', label: '祖父母/外祖父母' },
  { value: 'child', label: '子女' },
  { value: 'grandchild', label: '孙子女/外孙子女' },
  { value: 'spouse', label: '配偶' },
  { value: 'sibling', label: '兄弟姐妹' },
  { value: 'other', label: '其他' },
];
const RELATION_LABEL = Object.fromEntries(RELATIONS.map((r) => [r.value, r.label])) as Record<string, string>;

export default function FamilyPage() {
  const family = useFamily();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState<FamilyRelation | ''>('');
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const add = async () => {
    if (inFlight.current) return;
    if (!relation) return setError({ code: 'BAD_INPUT', message: '请选择与本人关系', field: 'relation' });
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const r = await callFunction('family', {
      action: 'add',
      name: name.trim(),
      idNumber: idNumber.trim().toUpperCase(),
      relation,
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    });
    inFlight.current = false;
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setName('');
    setIdNumber('');
    setPhone('');
    setRelation('');
    await family.reload();
  };
  const showCode = (id: string | undefined) => {
    saveSelectedPerson(id);
    void Taro.reLaunch({ url: '/pages/code/index' });
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <View>
      {family.persons.map((p) => (
        <View key={p.id} className="resident-card" data-testid="family-member">
          <Text className="resident-card__title">
            {p.name}（{p.relation === 'self' ? '本人' : RELATION_LABEL[p.relation]}）
          </Text>
          <Text className="resident-card__muted">{p.idNumberMasked}</Text>
          <Text className="resident-link" onClick={() => showCode(p.relation === 'self' ? undefined : p.id)}>
            查看健康码
          </Text>
          {p.relation !== 'self' && (
            <Text className="resident-link" onClick={() => void Taro.navigateTo({ url: `/pages/report/index?personId=${encodeURIComponent(p.id)}` })}>
              为其报备
            </Text>
          )}
        </View>
      ))}
      <View className="report__section">
        <Text className="report__title">添加家庭成员</Text>
        <Text className="resident-note">为没有手机的老人、小孩代为报备和出示健康码。家庭成员的信息仅本账号可见。</Text>
        <Field label="姓名" error={fieldError('name')}>
          <Input className="text-input" value={name} placeholder="家庭成员姓名" onInput={(e) => setName(e.detail.value)} />
        </Field>
        <Field label="身份证号" error={fieldError('idNumber')}>
          <Input className="text-input" type="idcard" maxlength={18} value={idNumber} placeholder="家庭成员18位身份证号" onInput={(e) => setIdNumber(e.detail.value)} />
        </Field>
        <Field label="手机号" required={false} error={fieldError('phone')}>
          <Input className="text-input" type="number" maxlength={11} value={phone} placeholder="没有可不填" onInput={(e) => setPhone(e.detail.value)} />
        </Field>
        <Field label="与本人关系" error={fieldError('relation')}>
          <ChoiceGroup options={RELATIONS} value={relation} onChange={setRelation} />
        </Field>
        <SubmitBar error={error} busy={busy} label="添加" onSubmit={() => void add()} />
      </View>
    </View>
  );
}
