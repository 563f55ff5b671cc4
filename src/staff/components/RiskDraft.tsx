// The draft of a day's list as the Bureau works through it: the summary against the file's own counts,
// one card per name group (its rows whole, the county each row gets and how, one decision for them all),
// and the cities with confirmed cases. Decisions are made through callbacks; the page's hook calls the API.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Page, RiskDraftCityView, RiskDraftGroupView, RiskDraftRowView, RiskDraftView } from '../../../types/api/risk';
import type { ClientResult } from '../../services/api';
import { usePaged } from '../hooks/usePaged';
import { GROUP_STATUS_LABEL, howLabel, KIND_LABEL, timeText, type PlaceOption } from '../lib/risk';
import { CountyPicker, type SearchPlaces } from './CountyPicker';
import { FoldText, LoadMore } from './RiskPaging';
import './RiskDraft.css';

const statedText = (read: number, stated: number | null) =>
  stated === null ? `${read}条（文件未注明条数）` : read === stated ? `${read}条，与文件所注${stated}条一致` : `${read}条，文件注明${stated}条，不一致`;

export function DraftSummary({ draft }: { draft: RiskDraftView }) {
  const c = draft.counts;
  const mismatch = (read: number, stated: number | null) => stated !== null && read !== stated;
  return (
    <View className="risk__card draft-summary">
      <Text className="risk__title">
        {draft.date} 名单（第{draft.revision}版{draft.status === 'draft' ? '草稿' : ''}）{draft.fileName ? `：${draft.fileName}` : ''}
      </Text>
      <Text className="risk__muted">
        {draft.format.toUpperCase()}，上传于{timeText(draft.uploadedAt)}
        {draft.status !== 'draft' ? `，${draft.status === 'publishing' ? '正在发布' : '已发布'}` : ''}
      </Text>
      {draft.supersedes && <Text className="risk__warn">此名单将更正已发布的{draft.supersedes}，发布时须填写更正原因</Text>}
      <View className="draft-summary__grid">
        <Text className={mismatch(c.entries.high, c.stated.high) ? 'risk__error' : ''}>高风险：{statedText(c.entries.high, c.stated.high)}</Text>
        <Text className={mismatch(c.entries.medium, c.stated.medium) ? 'risk__error' : ''}>中风险：{statedText(c.entries.medium, c.stated.medium)}</Text>
        <Text className={mismatch(c.low, c.stated.low) ? 'risk__error' : ''}>低风险：{statedText(c.low, c.stated.low)}（计数，不作为风险区域）</Text>
        <Text>重复条目合并：{c.duplicates}条（保留较严的等级）</Text>
        <Text>
          名称组共{c.groups}组：待处理{c.open}、已对应{c.resolved}（其中按记住的决定{c.remembered}）、已排除{c.excluded}
        </Text>
        <Text>
          将发布的区域{c.rows}个，排除的区域{c.rowsExcluded}个；有确诊病例的城市{c.cities}个
        </Text>
      </View>
      {draft.blockers.length > 0 ? (
        draft.blockers.map((b) => (
          <Text key={b} className="risk__error">
            {b}
          </Text>
        ))
      ) : (
        draft.status === 'draft' && <Text className="risk__ok">每一组都已对应或排除，可以预览发布</Text>
      )}
    </View>
  );
}

function ExcludeForm({ busy, onExclude, onCancel }: { busy: boolean; onExclude: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= 2;
  return (
    <View className="group-card__exclude">
      <Input className="risk__input" placeholder="排除原因（如：跨多个区县，已电话核实）" value={reason} onInput={(e) => setReason(e.detail.value)} />
      <View className="risk__row">
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
        <Button size="small" type="danger" disabled={!ok || busy} onClick={() => ok && !busy && onExclude(reason.trim())}>
          确认排除
        </Button>
      </View>
    </View>
  );
}

function GroupRows({ load, total }: { load: (cursor?: string) => Promise<ClientResult<Page<RiskDraftRowView>>>; total: number }) {
  const paged = usePaged(load, 'rows');
  return (
    <View className="group-card__rows" data-testid="group-rows">
      {paged.items.map((r) => (
        <View key={r.row} className="group-card__row">
          <Text className="risk__muted">第{r.row}行</Text>
          <Text className={`risk__tag risk__tag--${r.kind}`}>{KIND_LABEL[r.kind]}</Text>
          <FoldText text={r.areaText} />
          {r.areaText !== r.area && <FoldText className="risk__muted" text={`文件原文：${r.area}`} />}
        </View>
      ))}
      <LoadMore paged={paged} unit="行" />
      {!paged.loaded && !paged.loading && total === 0 && <Text className="risk__muted">无</Text>}
    </View>
  );
}

export const groupTitle = (g: Pick<RiskDraftGroupView, 'province' | 'city' | 'county' | 'part'>) =>
  [g.province, g.city, g.county, g.part].filter(Boolean).join(' ') || '（未写地名）';

interface GroupCardProps {
  group: RiskDraftGroupView;
  /** The draft is unpublished: decisions can be made and changed. */
  editable: boolean;
  busy: boolean;
  search: SearchPlaces;
  onResolve: (place: PlaceOption) => void;
  onExclude: (reason: string) => void;
  loadRows: (cursor?: string) => Promise<ClientResult<Page<RiskDraftRowView>>>;
}

export function GroupCard({ group: g, editable, busy, search, onResolve, onExclude, loadRows }: GroupCardProps) {
  const [mode, setMode] = useState<Mode>('idle');
  const [rowsOpen, setRowsOpen] = useState(false);
  const title = groupTitle(g);
  return (
    <View className={`group-card group-card--${g.status}`} data-group={g.id}>
      <View className="risk__row">
        <Text className={`group-card__status group-card__status--${g.status}`}>{GROUP_STATUS_LABEL[g.status]}</Text>
        <Text className="group-card__title">{title}</Text>
        <Text className="risk__muted">{g.rows}行</Text>
      </View>
      {g.status === 'resolved' && (
        <Text className="group-card__county">
          每行对应到：{g.countyName ?? g.countyCode}（{howLabel(g.how, g.decided)}
          {g.decided ? `，${g.decided.byName}于${timeText(g.decided.at)}决定` : ''}）
        </Text>
      )}
      {g.status === 'excluded' && <Text className="group-card__excluded">已排除，不发布：{g.excluded?.reason ?? ''}{g.decided ? `（${g.decided.byName}${g.decided.remembered ? '，记住的决定' : ''}）` : ''}</Text>}
      {g.status === 'open' && <Text className="risk__warn">这些行的区县无法按名称确定，请选择区县或排除</Text>}
      <View className="group-card__sample">
        {g.sample.map((s) => (
          <View key={s.row} className="group-card__row">
            <Text className="risk__muted">第{s.row}行</Text>
            <Text className={`risk__tag risk__tag--${s.kind}`}>{KIND_LABEL[s.kind]}</Text>
            <FoldText text={s.area} />
          </View>
        ))}
        {g.rows > g.sample.length && !rowsOpen && <Text className="risk__muted">……另有{g.rows - g.sample.length}行</Text>}
      </View>
      {rowsOpen && <GroupRows load={loadRows} total={g.rows} />}
      <View className="risk__row">
        <Button size="small" onClick={() => setRowsOpen(!rowsOpen)}>
          {rowsOpen ? '收起各行' : `查看全部${g.rows}行`}
        </Button>
        {editable && mode === 'idle' && (
          <>
            <Button size="small" type={g.status === 'open' ? 'primary' : 'default'} onClick={() => setMode('pick')}>
              {g.status === 'resolved' ? '改选区县' : '选择区县'}
            </Button>
            {g.status !== 'excluded' && (
              <Button size="small" onClick={() => setMode('exclude')}>
                排除
              </Button>
            )}
          </>
        )}
      </View>
      <Decision
        mode={mode}
        setMode={setMode}
        busy={busy}
        picker={{
          suggestions: g.suggestions,
          pickFrom: g.pickFrom,
          search,
          subject: `${title}（${g.rows}行）`,
          pickFromParent: g.province === g.city || /直辖|兵团/.test(g.city) ? g.province : `${g.province}${g.city}`,
        }}
        onResolve={onResolve}
        onExclude={onExclude}
      />
    </View>
  );
}

type Mode = 'idle' | 'pick' | 'exclude';

/** The one decision a group or a city row takes: a place from the picker, or exclusion with a reason. */
function Decision({
  mode,
  setMode,
  busy,
  picker,
  onResolve,
  onExclude,
}: {
  mode: Mode;
  setMode: (m: Mode) => void;
  busy: boolean;
  picker: Omit<Parameters<typeof CountyPicker>[0], 'busy' | 'onCancel' | 'onConfirm'>;
  onResolve: (place: PlaceOption) => void;
  onExclude: (reason: string) => void;
}) {
  if (mode === 'pick') {
    return (
      <CountyPicker
        {...picker}
        busy={busy}
        onCancel={() => setMode('idle')}
        onConfirm={(p) => {
          onResolve(p);
          setMode('idle');
        }}
      />
    );
  }
  if (mode === 'exclude') {
    return (
      <ExcludeForm
        busy={busy}
        onCancel={() => setMode('idle')}
        onExclude={(reason) => {
          onExclude(reason);
          setMode('idle');
        }}
      />
    );
  }
  return null;
}

interface CityRowProps {
  city: RiskDraftCityView;
  editable: boolean;
  busy: boolean;
  search: SearchPlaces;
  onResolve: (place: PlaceOption) => void;
  onExclude: (reason: string) => void;
}

export function CityRow({ city: c, editable, busy, search, onResolve, onExclude }: CityRowProps) {
  const [mode, setMode] = useState<Mode>('idle');
  const open = !c.cityCode && !c.excluded;
  const title = [c.province, c.city].filter(Boolean).join(' ');
  return (
    <View className={`group-card group-card--${open ? 'open' : c.excluded ? 'excluded' : 'resolved'}`}>
      <View className="risk__row">
        <Text className="risk__muted">第{c.row}行</Text>
        <Text className="group-card__title">{title}</Text>
      </View>
      {c.cityCode && <Text className="group-card__county">对应到：{c.cityName ?? c.cityCode}（{c.how === 'mapping' ? '按对应决定' : '按名称'}）</Text>}
      {c.excluded && <Text className="group-card__excluded">已排除：{c.excluded.reason}</Text>}
      {open && <Text className="risk__warn">城市名称无法确定，请选择城市或排除</Text>}
      {editable && mode === 'idle' && (
        <View className="risk__row">
          <Button size="small" type={open ? 'primary' : 'default'} onClick={() => setMode('pick')}>
            {c.cityCode ? '改选城市' : '选择城市'}
          </Button>
          {!c.excluded && (
            <Button size="small" onClick={() => setMode('exclude')}>
              排除
            </Button>
          )}
        </View>
      )}
      <Decision
        mode={mode}
        setMode={setMode}
        busy={busy}
        picker={{ suggestions: [], pickFrom: c.pickFrom, search, subject: title, placeholder: '输入城市名称筛选，如 长春', pickFromParent: c.province }}
        onResolve={onResolve}
        onExclude={onExclude}
      />
    </View>
  );
}
