// The Bureau's daily list (三(三)): upload the national list as published, decide each name group that
// names no county (one decision covers every row of the name, remembered for later days), see in words
// what publishing changes and confirm, follow the re-coding job; below, the published versions.
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { DateField } from '../../../components/form';
import { CityRow, DraftSummary, GroupCard } from '../../components/RiskDraft';
import { LoadMore } from '../../components/RiskPaging';
import { JobProgress, PublishDialog, VersionDetail, VersionRow } from '../../components/RiskPublishing';
import { useRiskPublish, type GroupTab } from '../../hooks/useRiskPublish';
import { GROUP_STATUS_LABEL, todayInShanghai } from '../../lib/risk';
import '../../lib/risk.css';

const TABS: GroupTab[] = ['open', 'resolved', 'excluded'];

export default function RiskPublish() {
  const p = useRiskPublish();
  const { draft } = p;
  const tabCount = (t: GroupTab) => (draft ? { open: draft.counts.open, resolved: draft.counts.resolved, excluded: draft.counts.excluded }[t] : 0);
  const openCities = draft?.cities.filter((c) => !c.cityCode && !c.excluded) ?? [];
  const decidedCities = draft?.cities.filter((c) => c.cityCode || c.excluded) ?? [];

  return (
    <View className="risk risk__page">
      <View className="risk__card">
        <Text className="risk__title">上传当日名单</Text>
        <View className="risk__row">
          <Text>名单日期：</Text>
          <DateField value={p.date} end={todayInShanghai()} onChange={p.setDate} placeholder="名单日期" />
        </View>
        <Text className="risk__muted">有确诊病例的城市（每行一个，如“广东省 深圳市”）</Text>
        <Textarea className="risk__textarea" value={p.cities} onInput={(e) => p.setCities(e.detail.value)} maxlength={5000} />
        <Text className="risk__muted">
          支持国务院客户端查询服务的JSON（highlist/middlelist/lowlist）、CSV（UTF-8或GBK）、XLSX；列：风险等级、省份、城市、县（市、区）、区域
        </Text>
        <Button type="primary" disabled={p.busy} onClick={() => void p.upload()}>
          选择名单文件并上传
        </Button>
        {p.error && <Text className="risk__error">{p.error}</Text>}
      </View>

      {p.job && <JobProgress job={p.job} />}

      {draft && (
        <>
          <DraftSummary draft={draft} />

          <View className="risk__card">
            <Text className="risk__title">名称组</Text>
            <Text className="risk__muted">同一省、市、县名称的各行为一组，一个决定适用于该组所有行，并记住供以后各天使用。</Text>
            <View className="risk__tabs" role="tablist">
              {TABS.map((t) => (
                <View key={t} role="tab" aria-selected={p.tab === t} className={`risk__tab${p.tab === t ? ' risk__tab--on' : ''}`} onClick={() => p.setTab(t)}>
                  <Text>
                    {GROUP_STATUS_LABEL[t]}（{tabCount(t)}）
                  </Text>
                </View>
              ))}
            </View>
            <View className="risk__list">
              {p.groups.items.map((g) => (
                <GroupCard
                  key={g.id}
                  group={g}
                  editable={p.editable}
                  busy={p.busy}
                  search={p.searchFor(g.provinceCode, 'county')}
                  onResolve={(place) => void p.resolveGroup(g.id, place)}
                  onExclude={(reason) => void p.excludeGroup(g.id, reason)}
                  loadRows={p.loadRows(g.id)}
                />
              ))}
              {p.groups.loaded && p.groups.total === 0 && <Text className="risk__muted">没有{GROUP_STATUS_LABEL[p.tab]}的名称组</Text>}
            </View>
            <LoadMore paged={p.groups} unit="组" />
          </View>

          {draft.cities.length > 0 && (
            <View className="risk__card">
              <Text className="risk__title">有确诊病例的城市（{draft.cities.length}）</Text>
              <View className="risk__list">
                {[...openCities, ...decidedCities].map((c) => (
                  <CityRow
                    key={c.row}
                    city={c}
                    editable={p.editable}
                    busy={p.busy}
                    search={p.searchFor(c.pickFrom[0]?.code.slice(0, 2), 'city')}
                    onResolve={(place) => void p.resolveCity(c.row, place)}
                    onExclude={(reason) => void p.excludeCity(c.row, reason)}
                  />
                ))}
              </View>
            </View>
          )}

          {draft.status === 'draft' && (
            <Button type="primary" block disabled={draft.blockers.length > 0 || p.busy || !p.editable} onClick={() => void p.openPreview()}>
              预览并发布{draft.date}名单
            </Button>
          )}
        </>
      )}

      {p.preview && draft && (
        <PublishDialog
          preview={p.preview}
          needsReason={p.preview.revision || !!draft.supersedes}
          busy={p.busy}
          error={p.publishError}
          onConfirm={(reason) => void p.publish(reason)}
          onCancel={p.closePreview}
        />
      )}

      <View className="risk__card">
        <Text className="risk__title">已发布的名单</Text>
        {p.versions.items.map((v) => (
          <View key={v.versionId}>
            <VersionRow v={v} open={p.shown?.versionId === v.versionId} onOpen={() => p.show(v)} />
            {p.shown?.versionId === v.versionId && <VersionDetail version={v} loadAreas={p.loadVersionAreas(v.versionId)} loadDiff={p.loadVersionDiff(v.versionId)} />}
          </View>
        ))}
        {p.versions.loaded && p.versions.total === 0 && <Text className="risk__muted">尚未发布过名单</Text>}
        <LoadMore paged={p.versions} unit="版" />
      </View>
    </View>
  );
}
