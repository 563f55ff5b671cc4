// Quick query (三(三)) for every staff member: does this city (or a municipality's district) have
// medium/high-risk areas, and which? this county (or a municipality's street)? Today or as of a date.
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { DateField } from '../../../components/form';
import { FoldText } from '../../components/RiskPaging';
import { useRiskQuery } from '../../hooks/useRiskQuery';
import { KIND_LABEL, todayInShanghai } from '../../lib/risk';
// In the order the publishing page loads them, so the shared chunk's CSS has one order.
import '../../components/RiskDraft.css';
import '../../lib/risk.css';

const LEVEL_LABEL = { city: '城市', county: '区县', street: '街道/乡镇' } as const;

export default function RiskQuery() {
  const r = useRiskQuery();
  const a = r.answer;
  return (
    <View className="risk risk__page">
      <View className="risk__card">
        <Input className="risk__input" placeholder="输入城市、区县或街道名称，如 长春、朝阳区、酒仙桥" value={r.q} onInput={(e) => r.setQ(e.detail.value)} />
        <View className="risk__row">
          <Text>查询日期：</Text>
          <DateField value={r.date} end={todayInShanghai()} onChange={r.setDate} placeholder="查询日期" />
          {r.date === todayInShanghai() && <Text className="risk__muted">今天</Text>}
        </View>
        {r.places.map((p) => (
          <View key={p.code} className="risk__item risk-query__place" onClick={() => r.choose(p)}>
            <Text className="risk__wrap">
              {p.fullName} <Text className="risk__muted">{LEVEL_LABEL[p.level]}</Text>
            </Text>
          </View>
        ))}
        {r.notFound && <Text className="risk__warn">{r.notFound}</Text>}
        {r.error && <Text className="risk__error">{r.error}</Text>}
      </View>
      {a && (
        <View className="risk__card" data-testid="risk-answer">
          <Text className="risk__title">{a.summary}</Text>
          <Text className="risk__muted">
            {a.place.fullName}（{LEVEL_LABEL[a.place.level]}）；查询日{a.asOf}，{a.listDate ? `按${a.listDate}发布的名单` : '当时尚无发布的名单'}
            {a.confirmedCity === true ? '；属有确诊病例的城市' : a.confirmedCity === false ? '；不属有确诊病例的城市' : ''}
          </Text>
          {a.areas.total > 0 && (
            <Text>
              共{a.areas.total}个：高风险{a.kinds.high}、中风险{a.kinds.medium}、封控{a.kinds.sealed}、管控{a.kinds.controlled}
            </Text>
          )}
          {r.areas.map((x) => (
            <View key={x.id} className="group-card__row">
              <Text className={`risk__tag risk__tag--${x.kind}`}>{KIND_LABEL[x.kind]}</Text>
              <FoldText text={`${x.county}${x.area}`} />
            </View>
          ))}
          {a.areas.total > 0 && (
            <View className="risk__more">
              <Text className="risk__muted">
                已显示{r.areas.length}个，共{a.areas.total}个
              </Text>
              {r.hasMore && (
                <Button size="small" loading={r.loadingMore} disabled={r.loadingMore} onClick={r.more}>
                  加载更多
                </Button>
              )}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
