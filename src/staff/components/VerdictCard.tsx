// What a checkpoint sees after a scan: the code, masked identity, report on file, open window.
import { Text, View } from '@tarojs/components';
import type { CheckpointVerdict } from '../../../types/api/checkpoint';
import { localDateTime } from '../../../domain/time';
import { CODE_LABEL, clauseText } from '../../lib/labels';
import { adviceFor } from '../lib/advice';
import './VerdictCard.css';

export function VerdictCard({ verdict }: { verdict: CheckpointVerdict }) {
  const { person, color, clause, report, movementWindow } = verdict;
  const advice = adviceFor(verdict);
  return (
    <View className={`verdict verdict--${color ?? 'none'}`} data-testid="verdict">
      <View className={`verdict__advice verdict__advice--${advice.action}`} data-testid="verdict-advice">
        <Text className="verdict__action">{advice.label}</Text>
        <Text>{advice.detail}</Text>
      </View>
      <Text className="verdict__code">{color ? CODE_LABEL[color] : '无健康码'}</Text>
      <Text>
        {person.nameMasked} {person.idNumberMasked}
      </Text>
      {clause && <Text>{clauseText(clause)}</Text>}
      {movementWindow && (
        <Text className="verdict__window">
          限时流动中：{movementWindow.from} → {movementWindow.to}，至 {localDateTime(movementWindow.endAt)}
        </Text>
      )}
      {report ? (
        <View className="verdict__report">
          <Text>已报备：{localDateTime(report.filedAt)}，抵河 {report.arrivalDate}</Text>
          <Text>行程：{report.places.join('；')}</Text>
          <Text>行程码带*号：{report.itineraryStar ? '是' : '否'}</Text>
          <Text>目的地：{report.destination}</Text>
        </View>
      ) : (
        <Text className="verdict__missing">无一键直报记录</Text>
      )}
      {verdict.mustReportReason && <Text className="verdict__must">{verdict.mustReportReason}</Text>}
    </View>
  );
}
