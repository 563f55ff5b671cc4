// The Bureau's daily list (三(三)): upload the national list, map or exclude the rows that do not name a
// county, see what publishing changes, publish; below, the published versions and their differences.
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RecodeSummary, RiskDiffView, RiskDraftRowView, RiskDraftView, RiskVersionSummary } from '../../../../types/api/risk';
import { callFunction } from '../../../services/api';
import { KIND_LABEL, pickAndUploadList, todayInShanghai } from '../../lib/risk';
import '../../lib/risk.css';

function Diff({ diff }: { diff: RiskDiffView }) {
  const list = (title: string, items: Array<{ id: string; county: string; area: string; kind: keyof typeof KIND_LABEL }>, extra?: (i: number) => string) =>
    items.length > 0 && (
      <View className="risk__item">
        <Text>
          {title}（{items.length}）
        </Text>
        {items.slice(0, 30).map((a, i) => (
          <Text key={a.id} className="risk__muted">
            <Text className={`risk__tag risk__tag--${a.kind}`}>{KIND_LABEL[a.kind]}</Text>
            {a.county}
            {a.area}
            {extra?.(i) ?? ''}
          </Text>
        ))}
        {items.length > 30 && <Text className="risk__muted">……另有{items.length - 30}个</Text>}
      </View>
    );
  return (
    <View className="risk__card">
      <Text className="risk__title">与{diff.from ?? '（无）'}名单相比</Text>
      <Text className="risk__muted">
        涉及{diff.counties}个区县、{diff.cities}个城市；新增{diff.added.length}、移除{diff.removed.length}、等级变化{diff.changed.length}
      </Text>
      {list('新增', diff.added)}
      {list('移除', diff.removed)}
      {list('等级变化', diff.changed, (i) => `（原为${KIND_LABEL[diff.changed[i]!.fromKind]}）`)}
      {diff.citiesAdded.length > 0 && <Text>新增有确诊病例的城市：{diff.citiesAdded.map((c) => c.name).join('、')}</Text>}
      {diff.citiesRemoved.length > 0 && <Text>不再列为有确诊病例的城市：{diff.citiesRemoved.map((c) => c.name).join('、')}</Text>}
    </View>
  );
}

function OpenRow({ row, busy, onMap, onExclude }: { row: RiskDraftRowView; busy: boolean; onMap: (code: string) => void; onExclude: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <View className="risk__item">
      <Text>
        第{row.row}行 <Text className={`risk__tag risk__tag--${row.kind}`}>{KIND_LABEL[row.kind]}</Text>
        {row.province}
        {row.city}
        {row.county}
        {row.area}
      </Text>
      {row.suggestions.length > 0 && (
        <View className="risk__row">
          <Text className="risk__muted">可能是：</Text>
          {row.suggestions.map((s) => (
            <View key={s.code} className="risk__btn risk__btn--plain" onClick={() => !busy && onMap(s.code)}>
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
      )}
      {row.pickFrom.length > 0 && (
        <Picker mode="selector" range={row.pickFrom.map((p) => p.name)} onChange={(e) => onMap(row.pickFrom[Number(e.detail.value)]!.code)}>
          <View className="risk__btn risk__btn--plain">
            <Text>从{row.city}的区县中选择…</Text>
          </View>
        </Picker>
      )}
      <View className="risk__row">
        <Input className="risk__input" placeholder="排除原因（如：跨多个区县，已电话核实）" value={reason} onInput={(e) => setReason(e.detail.value)} />
        <View className={`risk__btn ${reason.trim().length >= 2 ? 'risk__btn--plain' : 'risk__btn--off'}`} onClick={() => !busy && reason.trim().length >= 2 && onExclude(reason)}>
          <Text>排除</Text>
        </View>
      </View>
    </View>
  );
}

export default function RiskPublish() {
  const [date, setDate] = useState(todayInShanghai());
  const [cities, setCities] = useState('');
  const [draft, setDraft] = useState<RiskDraftView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RecodeSummary | null>(null);
  const [versions, setVersions] = useState<RiskVersionSummary[]>([]);
  const [shown, setShown] = useState<{ date: string; diff: RiskDiffView } | null>(null);

  const loadVersions = () => void callFunction('risk', { action: 'versions' }).then((r) => r.ok && setVersions(r.data.versions));
  useEffect(loadVersions, []);

  async function run<T>(call: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>, then: (data: T) => void) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) then(r.data);
    else setError(r.error.message);
  }

  async function upload() {
    const picked = await pickAndUploadList();
    if (!picked) return;
    if (!picked.ok) return setError(picked.error.message);
    setDone(null);
    const confirmedCities = cities.split('\n').map((l) => l.trim()).filter(Boolean);
    await run(
      () => callFunction('risk', { action: 'upload', date, fileId: picked.data.fileId, fileName: picked.data.name, confirmedCities }),
      (d) => setDraft(d.draft),
    );
  }
  const map = (list: 'areas' | 'cities', row: number, code: string) =>
    run(() => callFunction('risk', { action: 'resolve', date, list, row, code }), (d) => setDraft(d.draft));
  const exclude = (list: 'areas' | 'cities', row: number, reason: string) =>
    run(() => callFunction('risk', { action: 'exclude', date, list, row, reason }), (d) => setDraft(d.draft));
  const publish = () =>
    run(() => callFunction('risk', { action: 'publish', date }), (d) => {
      setDone(d.recode);
      setDraft(null);
      loadVersions();
    });

  const openRows = draft?.rows.filter((r) => !r.countyCode && !r.excluded) ?? [];
  const openCities = draft?.cities.filter((c) => !c.cityCode && !c.excluded) ?? [];
  return (
    <View className="risk">
      <View className="risk__card">
        <Text className="risk__title">上传当日名单</Text>
        <Picker mode="date" value={date} end={todayInShanghai()} onChange={(e) => setDate(e.detail.value)}>
          <View className="risk__row">
            <Text>名单日期：</Text>
            <Text className="risk__input">{date}</Text>
          </View>
        </Picker>
        <Text className="risk__muted">有确诊病例的城市（每行一个，如“广东省 深圳市”）</Text>
        <Textarea className="risk__textarea" value={cities} onInput={(e) => setCities(e.detail.value)} maxlength={5000} />
        <Text className="risk__muted">支持CSV（UTF-8或GBK）、XLSX，以及国务院客户端查询服务的JSON；列：风险等级、省份、城市、县（市、区）、区域</Text>
        <View className={`risk__btn${busy ? ' risk__btn--off' : ''}`} onClick={() => !busy && void upload()}>
          <Text>选择名单文件并上传</Text>
        </View>
        {error && <Text className="risk__error">{error}</Text>}
        {done && (
          <Text className="risk__ok">
            已发布。重新评估{done.reportsRead}份报备：{done.stricter}人按新名单从严赋码，{done.looser}人待区划管理员确认，{done.unchanged}人不变。
          </Text>
        )}
      </View>

      {draft && (
        <>
          <View className="risk__card">
            <Text className="risk__title">
              {draft.date} 名单：{draft.counts.rows}行
            </Text>
            <Text className="risk__muted">
              已对应{draft.counts.resolved}行（其中按记住的对应{draft.counts.mapped}行），排除{draft.counts.excluded}行，待处理{draft.counts.unresolved}项
            </Text>
            {draft.blockers.map((b) => (
              <Text key={b} className="risk__error">
                {b}
              </Text>
            ))}
            {openRows.map((r) => (
              <OpenRow key={r.row} row={r} busy={busy} onMap={(code) => void map('areas', r.row, code)} onExclude={(reason) => void exclude('areas', r.row, reason)} />
            ))}
            {openCities.map((c) => (
              <View key={c.row} className="risk__item">
                <Text>
                  有确诊病例的城市第{c.row}行：{c.province}
                  {c.city}
                </Text>
                {c.pickFrom.length > 0 && (
                  <Picker mode="selector" range={c.pickFrom.map((p) => p.name)} onChange={(e) => void map('cities', c.row, c.pickFrom[Number(e.detail.value)]!.code)}>
                    <View className="risk__btn risk__btn--plain">
                      <Text>选择对应的城市…</Text>
                    </View>
                  </Picker>
                )}
                <View className="risk__btn risk__btn--plain" onClick={() => !busy && void exclude('cities', c.row, '城市名称无法对应，已核实')}>
                  <Text>排除</Text>
                </View>
              </View>
            ))}
          </View>
          <Diff diff={draft.diff} />
          <View className={`risk__btn${draft.blockers.length || busy ? ' risk__btn--off' : ''}`} onClick={() => !draft.blockers.length && !busy && void publish()}>
            <Text>发布{draft.date}名单</Text>
          </View>
        </>
      )}

      <View className="risk__card">
        <Text className="risk__title">已发布的名单</Text>
        {versions.map((v) => (
          <View
            key={v.date}
            className="risk__item"
            onClick={() => void callFunction('risk', { action: 'version', date: v.date }).then((r) => r.ok && setShown({ date: v.date, diff: r.data.version.diff }))}
          >
            <Text>
              {v.date}：{v.areas}个区域（高{v.kinds.high}、中{v.kinds.medium}、封控{v.kinds.sealed}、管控{v.kinds.controlled}），{v.publishedByName}发布
            </Text>
            {v.changes && (
              <Text className="risk__muted">
                较{v.previousDate}：新增{v.changes.added}、移除{v.changes.removed}、等级变化{v.changes.changed}
                {v.recode ? `；重新赋码从严${v.recode.stricter}人、待确认${v.recode.looser}人` : ''}
              </Text>
            )}
          </View>
        ))}
      </View>
      {shown && <Diff diff={shown.diff} />}
    </View>
  );
}
