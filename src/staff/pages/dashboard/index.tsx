// 每日处理质量 (三(一)): per county and day — reports received, verified, coded, transferred, pending
// past 24 hours; appeals; checkpoint checks and flags. A chart of the last 14 days, the table of a
// chosen day, the list behind any number, and XLSX export.
import { Button } from '@nutui/nutui-react-taro';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { METRIC_LABELS, type Metric } from '../../../../types/dashboard';
import { localDateTime } from '../../../../domain/time';
import { callFunction } from '../../../services/api';
import { series, useDashboard } from '../../hooks/useDashboard';
import { saveXlsx } from '../../lib/saveXlsx';
import './index.css';

const LABELS = METRIC_LABELS;

export default function DashboardPage() {
  const d = useDashboard();
  const [metric, setMetric] = useState<Metric>('received');
  const [county, setCounty] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  // The list behind a number opens under the table: bring it into view where the click was.
  const listTitle = d.list?.title;
  useEffect(() => {
    if (!listTitle) return;
    const timer = setTimeout(() => {
      if (process.env.TARO_ENV === 'h5') document.querySelector('[data-testid="drill-list"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      else void Taro.pageScrollTo({ selector: '.dash__list', duration: 200 }).catch(() => undefined);
    }, 0);
    return () => clearTimeout(timer);
  }, [listTitle]);
  if (d.error) return <Text className="dash__error">{d.error.message}</Text>;
  if (!d.daily) return <Text className="dash__info">正在加载…</Text>;
  const daily = d.daily;
  const shownDay = day ?? daily.to;
  const points = series(daily, metric, county);
  const max = Math.max(1, ...points.map((p) => p.value));
  const names = new Map(daily.counties.map((c) => [c.code, c.name] as const));

  const exportDaily = async () => {
    setExporting(true);
    const r = await callFunction('dashboard', { action: 'export', table: 'daily', from: daily.from, to: daily.to });
    setExporting(false);
    if (r.ok) await saveXlsx(r.data.fileName, r.data.base64);
  };

  return (
    <View className="dash">
      <ScrollView scrollX className="dash__chips">
        {d.metrics.map((m) => (
          <Text key={m} className={`dash__chip${m === metric ? ' dash__chip--on' : ''}`} onClick={() => setMetric(m)}>
            {LABELS[m]}
          </Text>
        ))}
      </ScrollView>
      <ScrollView scrollX className="dash__chips">
        <Text className={`dash__chip${county === null ? ' dash__chip--on' : ''}`} onClick={() => setCounty(null)}>
          全市
        </Text>
        {daily.counties.map((c) => (
          <Text key={c.code} className={`dash__chip${county === c.code ? ' dash__chip--on' : ''}`} onClick={() => setCounty(c.code)}>
            {c.name}
          </Text>
        ))}
      </ScrollView>
      <Text className="dash__definition">{daily.definitions[metric]}</Text>
      <View className="dash__chart" data-testid="chart">
        {points.map((p) => (
          <View key={p.date} className={`dash__bar-wrap${p.date === shownDay ? ' dash__bar-wrap--on' : ''}`} onClick={() => setDay(p.date)}>
            <Text className="dash__bar-value">{p.value}</Text>
            <View className="dash__bar" style={{ height: `${Math.round((p.value / max) * 160)}px` }} />
            <Text className="dash__bar-day">{p.date.slice(8)}</Text>
          </View>
        ))}
      </View>
      <Text className="dash__title">{shownDay} 各县（区）</Text>
      <ScrollView scrollX className="dash__table">
        <View className="dash__tr dash__tr--head" data-table-head>
          <Text className="dash__td dash__td--name">县（区）</Text>
          {d.metrics.map((m) => (
            <Text key={m} className="dash__td">
              {LABELS[m]}
            </Text>
          ))}
        </View>
        {daily.rows
          .filter((r) => r.date === shownDay)
          .map((r) => (
            <View key={r.countyCode} className="dash__tr">
              <Text className="dash__td dash__td--name">{names.get(r.countyCode)}</Text>
              {d.metrics.map((m) => (
                <Text
                  key={m}
                  className={`dash__td${r[m] ? ' dash__td--link' : ''}`}
                  onClick={() => r[m] && void d.open(shownDay, r.countyCode, m, `${shownDay} ${names.get(r.countyCode)} ${LABELS[m]}`)}
                >
                  {r[m]}
                </Text>
              ))}
            </View>
          ))}
      </ScrollView>
      {d.list && (
        <View className="dash__list" data-testid="drill-list">
          <View className="dash__list-head">
            <Text className="dash__title">{d.list.title}</Text>
            <Text className="dash__close" onClick={d.closeList}>
              关闭
            </Text>
          </View>
          {d.list.rows.map((row) => (
            <View key={`${row.ref}${row.at}`} className="dash__list-row">
              <Text>
                {localDateTime(row.at)} {row.nameMasked} {row.idNumberMasked}
              </Text>
              <Text className="dash__detail">{row.detail}</Text>
            </View>
          ))}
        </View>
      )}
      <View className="dash__actions">
        <Button block loading={exporting} onClick={() => void exportDaily()}>
          导出{daily.from}至{daily.to}的表格（XLSX）
        </Button>
      </View>
    </View>
  );
}
