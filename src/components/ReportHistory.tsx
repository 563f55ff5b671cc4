// The person's own reports, newest first as the server lists them. Each shows the code its report
// gave when filed: the code now (after a measure or a conversion) is the card above, so the row
// says 报备时 rather than contradict it.
import { Text, View } from '@tarojs/components';
import type { ReportSummary } from '../../types/model';
import { chineseDate, localDateTime } from '../../domain/time';
import { CODE_LABEL } from '../lib/labels';
import './ReportHistory.css';

export function ReportHistory({ reports }: { reports: ReportSummary[] | null }) {
  return (
    <View className="history">
      <Text className="history__title">报备记录</Text>
      {reports && reports.length > 0 && <Text className="history__note">右侧为报备时的赋码；当前健康码以上方为准，变化见“健康码记录”。</Text>}
      {reports === null && <Text className="history__empty">正在加载…</Text>}
      {reports?.length === 0 && <Text className="history__empty">暂无报备记录</Text>}
      {reports?.map((r) => (
        <View key={r.id} className="history__row" data-testid="history-row">
          <View className="history__main">
            <Text>
              <Text className="history__name">{r.name}</Text> 抵河 {chineseDate(r.arrivalDate)}
            </Text>
            <Text className="history__route">
              {r.origin} → {r.destination}
            </Text>
            <Text className="history__time">提交于 {localDateTime(r.createdAt)}</Text>
          </View>
          <Text className={`history__code history__code--${r.code}`}>报备时{CODE_LABEL[r.code]}</Text>
        </View>
      ))}
    </View>
  );
}
