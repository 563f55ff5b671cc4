// Nucleic-acid results: one by one, or a testing site's spreadsheet (CSV/XLSX). Rows that match
// nobody in my jurisdiction are listed; a malformed file is refused whole.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ImportRowError } from '../../../../types/api/nucleic';
import { callFunction } from '../../../services/api';
import { ChoiceGroup, DateField, Field } from '../../../components/form';
import { inputValue, pickAndUpload, today } from '../../lib/backoffice';
import '../../lib/backoffice.css';

export default function NucleicPage() {
  const [idNumber, setIdNumber] = useState('');
  const [sampleDate, setSampleDate] = useState(today());
  const [result, setResult] = useState<'negative' | 'positive' | ''>('negative');
  const [site, setSite] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [importErrors, setImportErrors] = useState<ImportRowError[]>([]);

  const record = async () => {
    if (busy || !result) return;
    setBusy(true);
    const r = await callFunction('nucleic', { action: 'record', idNumber: idNumber.trim(), sampleDate, result, ...(site.trim() ? { site: site.trim() } : {}) });
    setBusy(false);
    if (r.ok) {
      setMessage({ ok: true, text: r.data.duplicate ? `${r.data.name}的该结果已录入过` : `已录入${r.data.name}的检测结果` });
      setIdNumber('');
    } else setMessage({ ok: false, text: r.error.message });
  };

  const importFile = async () => {
    if (busy) return;
    const up = await pickAndUpload('nucleic');
    if (!up) return;
    if (!up.ok) return setMessage({ ok: false, text: up.error.message });
    setBusy(true);
    const r = await callFunction('nucleic', { action: 'import', fileId: up.data.fileId, fileName: up.data.name });
    setBusy(false);
    if (r.ok) {
      setMessage({ ok: true, text: `共${r.data.rows}行：录入${r.data.recorded}条，已有${r.data.duplicates}条，${r.data.errors.length}行未匹配` });
      setImportErrors(r.data.errors);
    } else {
      setMessage({ ok: false, text: r.error.message });
      setImportErrors([]);
    }
  };

  return (
    <View className="bo">
      <View className="bo__card">
        <Text className="bo__title">逐人录入</Text>
        <Field label="身份证号">
          <Input className="text-input" type="idcard" maxlength={18} value={idNumber} placeholder="被检测人身份证号" onInput={(e) => setIdNumber(inputValue(e))} />
        </Field>
        <Field label="采样日期">
          <DateField value={sampleDate} end={today()} onChange={setSampleDate} placeholder="采样日期" />
        </Field>
        <Field label="检测结果">
          <ChoiceGroup options={[{ value: 'negative', label: '阴性' }, { value: 'positive', label: '阳性' }] as const} value={result} onChange={setResult} />
        </Field>
        <Field label="检测机构" required={false}>
          <Input className="text-input" value={site} placeholder="检测机构（选填）" onInput={(e) => setSite(inputValue(e))} />
        </Field>
        <Button type="primary" block loading={busy} onClick={() => void record()}>
          录入结果
        </Button>
      </View>
      <View className="bo__card">
        <Text className="bo__title">导入检测机构结果表</Text>
        <Text className="bo__muted">CSV或XLSX，第一行为表头：身份证号、采样日期、检测结果（阴性/阳性）、检测机构（选填）。有格式错误的文件整份不导入；与辖区内报备人员不匹配的行逐行列出，不录入。</Text>
        <Button block loading={busy} onClick={() => void importFile()}>
          选择文件并导入
        </Button>
      </View>
      {message && <Text className={`bo__card ${message.ok ? 'bo__ok' : 'bo__error'}`}>{message.text}</Text>}
      {importErrors.length > 0 && (
        <View className="bo__card">
          {importErrors.map((e) => (
            <Text key={e.row} className="bo__error">
              第{e.row}行 {e.idNumberMasked}：{e.message}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
