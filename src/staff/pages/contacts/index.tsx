// County contacts directory (三(一)): who to notify in each county or township when a report is
// transferred there. The Bureau keeps it; every staff member can read it.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ContactView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { Field } from '../../../components/form';
import { HECHI } from '../../lib/places';
import { useAccount } from '../../../hooks/useAccount';
import { inputValue } from '../../lib/backoffice';
import '../../lib/backoffice.css';

/** The transfer process as the notice sets it (三(一)), shown with the directory it relies on. */
const TRANSFER_STEPS = [
  '首先接到报备的工作人员，不论填报的目的地是否正确，都要先完成电话核实和定码（或转码）。',
  '核实出正确的目的地后，在“每日返河人员核实”中转派到对应区域。',
  '转派前电话告知对应区域的管控人员（从下方名录选择，或填写姓名和电话），系统记录告知的联系人。',
  '接收区域在其每日名单中看到“转入待处理”，完成后续管控；报备的处理记录显示完整的转派链。',
  '市大数据发展局维护本名录和流程，每日监控各县（区）处理质量。',
];

const EMPTY = { id: '', divisionCode: '', divisionName: '', name: '', title: '', phone: '' };

export default function ContactsPage() {
  const account = useAccount();
  const [contacts, setContacts] = useState<ContactView[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(async () => {
    const r = await callFunction('staff', { action: 'listContacts' });
    if (r.ok) setContacts(r.data.contacts);
    else setMessage({ ok: false, text: r.error.message });
  }, []);
  useDidShow(() => void load());
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [k]: v });
  const canEdit = account?.role === 'bureau-admin';

  const save = async () => {
    const { id, divisionName: _shown, ...rest } = form;
    const r = await callFunction('staff', { action: 'saveContact', ...rest, ...(id ? { id } : {}) });
    if (r.ok) {
      setMessage({ ok: true, text: '已保存' });
      setForm(EMPTY);
      void load();
    } else setMessage({ ok: false, text: r.error.message });
  };
  const remove = async (id: string) => {
    const r = await callFunction('staff', { action: 'removeContact', id });
    if (!r.ok) setMessage({ ok: false, text: r.error.message });
    void load();
  };

  return (
    <View className="bo">
      <View className="bo__card" data-testid="transfer-process">
        <Text className="bo__title">转派流程（首问负责制，通知三(一)）</Text>
        {TRANSFER_STEPS.map((step, i) => (
          <Text key={step} className="bo__muted">
            {i + 1}. {step}
          </Text>
        ))}
      </View>
      {canEdit && (
        <View className="bo__card">
          <Text className="bo__title">{form.id ? '修改联系人' : '添加联系人'}</Text>
          <Field label="县（市、区）或乡镇（街道）">
            <DivisionPicker
              rootCode={HECHI.code}
              leafLevel={4}
              pickAnyLevel
              valueLabel={form.divisionName}
              placeholder="选择县（市、区），或再选到乡镇（街道）"
              onChange={(d) => setForm({ ...form, divisionCode: d.code, divisionName: d.fullName })}
            />
          </Field>
          <Field label="姓名">
            <Input className="text-input" value={form.name} placeholder="联系人姓名" onInput={(e) => set('name')(inputValue(e))} />
          </Field>
          <Field label="职务">
            <Input className="text-input" value={form.title} placeholder="如 健康码专班联络员" onInput={(e) => set('title')(inputValue(e))} />
          </Field>
          <Field label="联系电话">
            <Input className="text-input" value={form.phone} placeholder="11位手机号" onInput={(e) => set('phone')(inputValue(e))} />
          </Field>
          {message && <Text className={message.ok ? 'bo__ok' : 'bo__error'}>{message.text}</Text>}
          <Button type="primary" block onClick={() => void save()}>
            保存
          </Button>
        </View>
      )}
      <View className="bo__card">
        {contacts.length === 0 && <Text className="bo__muted">名录中暂无联系人</Text>}
        {contacts.map((c) => (
          <View key={c.id} className="bo__item">
            <Text className="bo__title">
              {c.name} {c.phone}
            </Text>
            <Text className="bo__muted">
              {c.divisionName} · {c.title}
            </Text>
            {canEdit && (
              <View className="bo__row">
                <Button size="small" onClick={() => setForm({ id: c.id, divisionCode: c.divisionCode, divisionName: c.divisionName, name: c.name, title: c.title, phone: c.phone })}>
                  修改
                </Button>
                <Button size="small" onClick={() => void remove(c.id)}>
                  删除
                </Button>
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
