// The Bureau's staff accounts: add or edit (role, name, phone, jurisdiction), disable or enable.
// In WeChat the account number is the staff member's OPENID, shown on their own workbench.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { StaffAccountView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { ChoiceGroup, Field } from '../../../components/form';
import { HECHI } from '../../lib/places';
import { ROLE_LABELS } from '../../../../domain/labels';
import { inputValue } from '../../lib/backoffice';
import '../../lib/backoffice.css';

type StaffRole = StaffAccountView['role'];
const ROLES = (['bureau-admin', 'platform', 'area-admin', 'community', 'checkpoint'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));
const EMPTY = { id: '', role: '' as StaffRole | '', name: '', phone: '', jurisdiction: '', jurisdictionName: '' };

export default function AccountsPage() {
  const [accounts, setAccounts] = useState<StaffAccountView[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(async () => {
    const r = await callFunction('staff', { action: 'listAccounts' });
    if (r.ok) setAccounts(r.data.accounts);
    else setMessage({ ok: false, text: r.error.message });
  }, []);
  useDidShow(() => void load());
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [k]: v });

  const save = async () => {
    if (!form.role) return setMessage({ ok: false, text: '请选择角色' });
    const { jurisdictionName: _shown, ...account } = form;
    const r = await callFunction('staff', { action: 'saveAccount', ...account, role: form.role });
    if (r.ok) {
      setMessage({ ok: true, text: r.data.created ? '已开通账号' : '已保存修改' });
      setForm(EMPTY);
      void load();
    } else setMessage({ ok: false, text: r.error.message });
  };

  const toggle = async (a: StaffAccountView) => {
    if (!a.disabled) {
      // Disabling locks the person out of every call at once: ask first.
      const sure = await Taro.showModal({
        title: '停用账号',
        content: `停用后${a.name}（${ROLE_LABELS[a.role]}）将立即无法使用工作台，可随时重新启用。确定停用？`,
        confirmText: '确定停用',
        cancelText: '取消',
      }).catch(() => ({ confirm: false }));
      if (!sure.confirm) return;
    }
    const reason = a.disabled ? '恢复启用' : '停用账号';
    const r = await callFunction('staff', { action: 'setDisabled', id: a.id, disabled: !a.disabled, reason });
    setMessage(r.ok ? { ok: true, text: `${a.name}已${a.disabled ? '启用' : '停用'}` } : { ok: false, text: r.error.message });
    void load();
  };

  return (
    <View className="bo">
      <View className="bo__card">
        <Text className="bo__title">开通或修改账号</Text>
        <Field label="账号编号（OPENID）">
          <Input className="text-input" value={form.id} placeholder="工作人员工作台上显示的账号编号" onInput={(e) => set('id')(inputValue(e))} />
        </Field>
        <Field label="角色">
          <ChoiceGroup options={ROLES} value={form.role} onChange={set('role')} />
        </Field>
        <Field label="姓名">
          <Input className="text-input" value={form.name} placeholder="姓名" onInput={(e) => set('name')(inputValue(e))} />
        </Field>
        <Field label="联系电话">
          <Input className="text-input" value={form.phone} placeholder="11位手机号" onInput={(e) => set('phone')(inputValue(e))} />
        </Field>
        <Field label="管辖范围">
          <DivisionPicker
            rootCode={HECHI.code}
            root={HECHI}
            leafLevel={5}
            pickAnyLevel
            valueLabel={form.jurisdictionName}
            placeholder="选择全市、县（市、区）、乡镇（街道）或社区（村）"
            onChange={(d) => setForm({ ...form, jurisdiction: d.code, jurisdictionName: d.fullName })}
          />
        </Field>
        {message && <Text className={message.ok ? 'bo__ok' : 'bo__error'}>{message.text}</Text>}
        <Button type="primary" block onClick={() => void save()}>
          保存
        </Button>
      </View>
      <View className="bo__card">
        {accounts.map((a) => (
          <View key={a.id} className="bo__item">
            <View className="bo__row">
              <Text className="bo__title">{a.name}</Text>
              <Text className="bo__tag">{ROLE_LABELS[a.role]}</Text>
              {a.disabled && <Text className="bo__tag bo__tag--red">已停用</Text>}
            </View>
            <Text className="bo__muted">{[a.id, a.phone, a.jurisdictionName].filter(Boolean).join(' · ')}</Text>
            <View className="bo__row">
              <Button size="small" onClick={() => setForm({ id: a.id, role: a.role, name: a.name, phone: a.phone, jurisdiction: a.jurisdiction, jurisdictionName: a.jurisdictionName })}>
                修改
              </Button>
              <Button size="small" onClick={() => void toggle(a)}>
                {a.disabled ? '启用' : '停用'}
              </Button>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
