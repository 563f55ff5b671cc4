// Publishing a day's list: the confirmation that says in words what will change (and asks why when it
// corrects a published day), the progress of the publishing job, and the published versions with their
// areas and changes, each read a page at a time.
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Page, RiskAreaChangeView, RiskAreaView, RiskJobView, RiskPublishPreview, RiskVersionSummary } from '../../../types/api/risk';
import type { ClientResult } from '../../services/api';
import { usePaged } from '../hooks/usePaged';
import { CHANGE_LABEL, JOB_PHASE_LABEL, KIND_LABEL, timeText, VERSION_STATUS_LABEL } from '../lib/risk';
import { FoldText, LoadMore } from './RiskPaging';

interface DialogProps {
  preview: RiskPublishPreview;
  /** The draft corrects a day already published: a reason is required. */
  needsReason: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}

export function PublishDialog({ preview: p, needsReason, busy, error, onConfirm, onCancel }: DialogProps) {
  const [reason, setReason] = useState('');
  const reasonOk = !needsReason || reason.trim().length >= 2;
  const can = p.blockers.length === 0 && reasonOk && !busy;
  return (
    <View className="risk__mask">
      <View className="risk__dialog" role="dialog" aria-modal="true" aria-label="确认发布">
        <Text className="risk__title">确认发布{p.date}名单</Text>
        <Text>
          {p.against ? `与现行的${p.against.date}名单（${p.against.versionId}）相比：` : '这是第一份发布的名单：'}
          发布后共{p.areas}个中高风险区域，新增{p.added}个、移除{p.removed}个、等级变化{p.changed}个。
        </Text>
        {p.revision && <Text className="risk__warn">这是对{p.date}已发布名单的更正，原版本将被取代，不会被改写。</Text>}
        <Text>
          涉及{p.counties}个区县、{p.cities}个城市；将重新评估{p.arrivalsTouched}名近期抵河人员的健康码。
        </Text>
        {/* Warnings first: most of a list disappearing must not hide below the county lines. */}
        {p.warnings.map((w) => (
          <Text key={w} className="risk__error">
            ⚠ {w}
          </Text>
        ))}
        {p.blockers.map((b) => (
          <Text key={b} className="risk__error">
            不能发布：{b}
          </Text>
        ))}
        {p.sampleCounties.length > 0 && (
          <View className="risk__item">
            <Text className="risk__muted">变化的区县（部分）：</Text>
            {p.sampleCounties.map((c) => (
              <Text key={c.code} className="risk__wrap">
                {c.name}：新增{c.added}、移除{c.removed}、等级变化{c.changed}
              </Text>
            ))}
            {p.counties > p.sampleCounties.length && <Text className="risk__muted">……另有{p.counties - p.sampleCounties.length}个区县</Text>}
          </View>
        )}
        {needsReason && (
          <Textarea
            className="risk__textarea"
            placeholder="更正原因（必填，如：国家名单当日第二次更新）"
            value={reason}
            maxlength={200}
            onInput={(e) => setReason(e.detail.value)}
          />
        )}
        {error && <Text className="risk__error">{error}</Text>}
        <View className="risk__row">
          <Button onClick={onCancel}>返回修改</Button>
          <Button type="primary" disabled={!can} loading={busy} onClick={() => can && onConfirm(needsReason ? reason.trim() : undefined)}>
            确认发布
          </Button>
        </View>
      </View>
    </View>
  );
}

/** What `done`/`total` count in each phase (types/api/risk.ts RiskJobView). */
const PHASE_UNIT: Record<RiskJobView['phase'], string> = { publish: '个区县', recode: '条行程地点', done: '' };

export function JobProgress({ job }: { job: RiskJobView }) {
  const pct = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : job.status === 'done' ? 100 : 0;
  const r = job.recode;
  return (
    <View className="risk__card" data-testid="risk-job">
      <Text className="risk__title">
        {job.date}名单（{job.versionId}）：{job.status === 'done' ? '发布完成' : `正在${JOB_PHASE_LABEL[job.phase]}`}
      </Text>
      <View className="risk__bar">
        <View className="risk__bar-fill" style={{ width: `${pct}%` }} />
      </View>
      <Text>
        {job.phase === 'done' ? '' : `${JOB_PHASE_LABEL[job.phase]}：${job.done} / ${job.total}${PHASE_UNIT[job.phase]}（${pct}%），`}
        已执行{job.batches}批，最长一批{job.longestBatchMs}毫秒
      </Text>
      <Text>
        重新赋码：读取{r.reportsRead}份报备（{r.placesRead}条行程地点），{r.stricter}人按新名单从严赋码，{r.looser}人待区划管理员确认，{r.unchanged}人不变
      </Text>
      <Text className="risk__muted">
        开始于{timeText(job.startedAt)}
        {job.finishedAt ? `，完成于${timeText(job.finishedAt)}` : `，最近更新${timeText(job.updatedAt)}`}
      </Text>
    </View>
  );
}

const kindsText = (k: RiskVersionSummary['kinds']) => `高${k.high}、中${k.medium}、封控${k.sealed}、管控${k.controlled}`;

export function VersionRow({ v, open, onOpen }: { v: RiskVersionSummary; open: boolean; onOpen: () => void }) {
  return (
    <View className="risk__item" onClick={onOpen}>
      <Text className={open ? 'risk__title' : ''}>
        {v.date} 第{v.revision}版（{VERSION_STATUS_LABEL[v.status]}）：{v.areas}个区域（{kindsText(v.kinds)}），{v.counties}个区县，{v.publishedByName}于{timeText(v.publishedAt)}发布
      </Text>
      {v.changes && (
        <Text className="risk__muted">
          较{v.previousDate ?? '上一版'}：新增{v.changes.added}、移除{v.changes.removed}、等级变化{v.changes.changed}，涉及{v.changes.counties}个区县、{v.changes.cities}个城市
        </Text>
      )}
      {v.reason && <Text className="risk__warn">更正原因：{v.reason}（取代{v.supersedes}）</Text>}
      {v.supersededBy && <Text className="risk__muted">已被{v.supersededBy}更正</Text>}
      {v.job && v.job.status !== 'done' && <Text className="risk__warn">重新赋码进行中：{v.job.done}/{v.job.total}</Text>}
    </View>
  );
}

interface VersionDetailProps {
  version: RiskVersionSummary;
  loadAreas: (cursor?: string) => Promise<ClientResult<Page<RiskAreaView>>>;
  loadDiff: (cursor?: string) => Promise<ClientResult<Page<RiskAreaChangeView>>>;
}

export function VersionDetail({ version: v, loadAreas, loadDiff }: VersionDetailProps) {
  const [tab, setTab] = useState<'diff' | 'areas'>('diff');
  const areas = usePaged(tab === 'areas' ? loadAreas : null, `${v.versionId}:areas:${tab}`);
  const diff = usePaged(tab === 'diff' ? loadDiff : null, `${v.versionId}:diff:${tab}`);
  return (
    <View className="risk__card" data-testid="risk-version">
      <Text className="risk__title">
        {v.date} 第{v.revision}版
      </Text>
      {v.changes && (v.changes.citiesAdded.length > 0 || v.changes.citiesRemoved.length > 0) && (
        <Text className="risk__wrap">
          {v.changes.citiesAdded.length > 0 ? `新增有确诊病例的城市：${v.changes.citiesAdded.map((c) => c.name).join('、')}。` : ''}
          {v.changes.citiesRemoved.length > 0 ? `不再列为有确诊病例的城市：${v.changes.citiesRemoved.map((c) => c.name).join('、')}。` : ''}
        </Text>
      )}
      <View className="risk__tabs">
        <Text className={`risk__tab${tab === 'diff' ? ' risk__tab--on' : ''}`} onClick={() => setTab('diff')}>
          与上一版的变化
        </Text>
        <Text className={`risk__tab${tab === 'areas' ? ' risk__tab--on' : ''}`} onClick={() => setTab('areas')}>
          全部区域（{v.areas}）
        </Text>
      </View>
      {tab === 'diff' &&
        diff.items.map((a) => (
          <View key={`${a.change}:${a.id}`} className="group-card__row">
            <Text className="risk__muted">{CHANGE_LABEL[a.change]}</Text>
            <Text className={`risk__tag risk__tag--${a.kind}`}>{KIND_LABEL[a.kind]}</Text>
            <FoldText text={`${a.county}${a.area}${a.fromKind ? `（原为${KIND_LABEL[a.fromKind]}）` : ''}`} />
          </View>
        ))}
      {tab === 'areas' &&
        areas.items.map((a) => (
          <View key={a.id} className="group-card__row">
            <Text className={`risk__tag risk__tag--${a.kind}`}>{KIND_LABEL[a.kind]}</Text>
            <FoldText text={`${a.county}${a.area}`} />
          </View>
        ))}
      <LoadMore paged={tab === 'diff' ? diff : areas} unit="个" />
    </View>
  );
}
