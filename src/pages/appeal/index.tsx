// 健康码申诉 (三(四)): my appeals with their answers, and the form when none is open.
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { localDateTime } from '../../../domain/time';
import type { AppealView } from '../../../types/model';
import { Field, SubmitBar } from '../../components/form';
import { callFunction, type ClientError } from '../../services/api';
import { uploadFile } from '../../services/files';
import { newRequestId } from '../../services/requestId';
import { CODE_LABEL } from '../../lib/labels';
import '../../components/ReportForm.css';
import '../../components/resident.css';

function AppealCard({ appeal }: { appeal: AppealView }) {
  const a = appeal.answer;
  return (
    <View className="resident-card" data-testid="appeal-card">
      <Text className="resident-card__title">
        {appeal.status === 'open' ? '处理中' : '已答复'} · 申诉时为{CODE_LABEL[appeal.codeAtSubmit.color]}
      </Text>
      <Text className="resident-card__muted">提交于 {localDateTime(appeal.createdAt)}，须于 {localDateTime(appeal.deadline)} 前答复</Text>
      {appeal.overdue && <Text className="resident-card__warn">已超过24小时未答复，已转市大数据发展局督办</Text>}
      <Text>申诉理由：{appeal.reason}</Text>
      {appeal.photoCount > 0 && <Text className="resident-card__muted">附照片 {appeal.photoCount} 张</Text>}
      {a && a.outcome === 'wrong' && (
        <View className="resident-card" data-testid="appeal-answer">
          <Text className="resident-card__title">核查结果：赋码有误，已更正为{CODE_LABEL[a.correctedTo ?? 'green']}</Text>
          <Text>{a.reason}</Text>
          <Text className="resident-card__muted">答复于 {localDateTime(a.answeredAt)}</Text>
        </View>
      )}
      {a && a.outcome === 'stands' && (
        <View className="resident-card" data-testid="appeal-answer">
          <Text className="resident-card__title">核查结果：赋码无误</Text>
          <Text>赋码原因：{a.reason}</Text>
          <Text>处理流程：{a.process}</Text>
          <Text>联系电话：{a.phone}</Text>
          <Text>办理地址：{a.address}</Text>
          <Text className="resident-card__muted">答复于 {localDateTime(a.answeredAt)}</Text>
        </View>
      )}
    </View>
  );
}

export default function AppealPage() {
  const personId = useRouter().params.personId;
  const [appeals, setAppeals] = useState<AppealView[] | null>(null);
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);
  const inFlight = useRef(false);
  const load = useCallback(async () => {
    const r = await callFunction('appeal', { action: 'mine', ...(personId ? { personId } : {}) });
    if (r.ok) setAppeals(r.data.appeals);
    else setError(r.error);
  }, [personId]);
  useEffect(() => void load(), [load]);

  const addPhotos = async () => {
    const picked = await Taro.chooseImage({ count: 3 - photos.length, sizeType: ['compressed'] }).catch(() => null);
    for (const path of picked?.tempFilePaths ?? []) {
      const r = await uploadFile(path, 'appeals');
      if (!r.ok) return setError(r.error);
      setPhotos((p) => [...p, r.data.fileId]);
    }
  };
  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const r = await callFunction('appeal', { action: 'submit', requestId, reason, ...(photos.length ? { photos } : {}), ...(personId ? { personId } : {}) });
    inFlight.current = false;
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReason('');
    setPhotos([]);
    setRequestId(newRequestId());
    await load();
  };
  const open = appeals?.some((a) => a.status === 'open');
  return (
    <View>
      {appeals && !open && (
        <View className="report__section">
          <Text className="report__title">提交申诉</Text>
          <Text className="resident-note">对健康码有异议的，可提交申诉，须在24小时内处理。赋码有误的将及时更正；无误的将告知原因、处理流程、联系电话和办理地址。</Text>
          <Field label="申诉理由" error={error?.field === 'reason' ? error.message : undefined}>
            <Textarea className="resident-textarea" value={reason} maxlength={1000} placeholder="请写明您认为赋码有误的原因" onInput={(e) => setReason(e.detail.value)} />
          </Field>
          <Field label="证明材料照片（选填，最多3张）" required={false} error={error?.field?.startsWith('photos') ? error.message : undefined}>
            <Text className="resident-note">已添加 {photos.length} 张（JPG、PNG、WebP，每张不超过5MB），如核酸检测结果、行程证明</Text>
            {photos.length < 3 && (
              <Text className="resident-link" onClick={() => void addPhotos()}>
                ＋ 添加照片
              </Text>
            )}
          </Field>
          <SubmitBar error={error} busy={busy} label="提交申诉" onSubmit={() => void submit()} />
        </View>
      )}
      {appeals === null && <Text className="resident-note">正在加载…</Text>}
      {appeals?.map((a) => <AppealCard key={a.id} appeal={a} />)}
    </View>
  );
}
