// Policy versions (issue 11): the Bureau uploads a policy file, sees it checked (schema, coverage, the
// file's own vectors) with what it changes and whom, schedules it for a date (in force from 00:00
// Beijing time; the job then re-codes the active people), and may withdraw it before that date.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PolicyCheckResult, PolicyVersionView } from '../../../../types/api/policy';
import { addDays } from '../../../../domain/time';
import { callFunction } from '../../../services/api';
import { pickAndUploadFile } from '../../../services/files';
import { DateField, Field } from '../../../components/form';
import { inputValue, today } from '../../lib/backoffice';
import '../../lib/backoffice.css';

const STATE: Record<PolicyVersionView['state'], string> = { 'in-force': '现行', scheduled: '待生效', past: '已被取代', withdrawn: '已撤回' };

function Affected({ a }: { a: PolicyCheckResult['affected'] }) {
  if (!a) return null;
  return (
    <Text className="bo__muted">
      按今日名单估算，在管的{a.complete ? '' : '至少'}{a.read}人中：{a.stricter}人赋码更严（生效时立即改码），{a.looser}人更宽（交区划管理员确认）
    </Text>
  );
}

export default function PolicyPage() {
  const [versions, setVersions] = useState<PolicyVersionView[]>([]);
  const [effectiveDate, setEffectiveDate] = useState(addDays(today(), 1));
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState<(PolicyCheckResult & { fileId: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = async () => {
    const r = await callFunction('policy', { action: 'list' });
    if (r.ok) setVersions(r.data.versions);
    else setMessage({ ok: false, text: r.error.message });
  };
  useEffect(() => void load(), []);

  const check = async () => {
    if (busy) return;
    const up = await pickAndUploadFile(['json'], 'policy');
    if (!up) return;
    if (!up.ok) return setMessage({ ok: false, text: up.error.message });
    setBusy(true);
    const r = await callFunction('policy', { action: 'check', fileId: up.data.fileId, effectiveDate });
    setBusy(false);
    if (r.ok) {
      setChecked({ ...r.data, fileId: up.data.fileId });
      setMessage(null);
    } else setMessage({ ok: false, text: r.error.message });
  };

  const schedule = async () => {
    if (busy || !checked?.ok) return;
    setBusy(true);
    const r = await callFunction('policy', { action: 'schedule', fileId: checked.fileId, effectiveDate, reason: reason.trim() });
    setBusy(false);
    if (r.ok) {
      setMessage({ ok: true, text: `${r.data.version.policyVersion} 已排期，${r.data.version.effectiveDate} 0时起生效` });
      setChecked(null);
      await load();
    } else setMessage({ ok: false, text: r.error.message });
  };

  const withdraw = async (v: PolicyVersionView) => {
    if (busy) return;
    setBusy(true);
    const r = await callFunction('policy', { action: 'withdraw', id: v.id, reason: reason.trim() });
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: `已撤回 ${v.policyVersion}` } : { ok: false, text: r.error.message });
    if (r.ok) await load();
  };

  return (
    <View className="bo">
      <View className="bo__card">
        <Text className="bo__title">上传新版本</Text>
        <Text className="bo__muted">政策文件为JSON（格式同 config/policy/hechi.json，须附测试用例）。生效日期当日0时（北京时间）起，所有赋码按新版本；在管人员自动重新评估：更严的立即改码，更宽的交区划管理员确认。生效前可撤回，生效后不能修改。</Text>
        <Field label="生效日期">
          <DateField value={effectiveDate} start={addDays(today(), 1)} onChange={setEffectiveDate} placeholder="生效日期" />
        </Field>
        <Field label="依据 / 撤回理由">
          <Input className="text-input" value={reason} placeholder="文件名称或文号；撤回时填写理由" onInput={(e) => setReason(inputValue(e))} />
        </Field>
        <Button block loading={busy} onClick={() => void check()}>
          选择政策文件并检查
        </Button>
        {checked && (
          <View>
            {checked.ok ? (
              <>
                <Text className="bo__ok">
                  {checked.policyVersion} 通过检查，将取代 {checked.replaces}
                </Text>
                {checked.changes.length ? checked.changes.map((c) => <Text key={c} className="bo__item">· {c}</Text>) : <Text className="bo__muted">规则无变化</Text>}
                <Affected a={checked.affected} />
                <Button type="primary" block loading={busy} disabled={reason.trim().length < 2} onClick={() => void schedule()}>
                  确认排期
                </Button>
              </>
            ) : (
              checked.problems.map((p) => (
                <Text key={p} className="bo__error">
                  {p}
                </Text>
              ))
            )}
          </View>
        )}
      </View>
      {message && <Text className={`bo__card ${message.ok ? 'bo__ok' : 'bo__error'}`}>{message.text}</Text>}
      {versions.map((v) => (
        <View key={v.id} className="bo__card">
          <Text className="bo__title">
            {v.policyVersion}（{STATE[v.state]}）
          </Text>
          <Text className="bo__muted">
            {v.title}；{v.effectiveDate} 起{v.reason ? `；${v.reason}` : ''}
            {v.withdrawn ? `；撤回理由：${v.withdrawn.reason}` : ''}
          </Text>
          {v.changes.map((c) => (
            <Text key={c} className="bo__item">
              · {c}
            </Text>
          ))}
          <Affected a={v.affected} />
          {v.state === 'scheduled' && (
            <Button block loading={busy} disabled={reason.trim().length < 2} onClick={() => void withdraw(v)}>
              撤回（生效前）
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
