// The health code as a person shows it at a checkpoint: colour, why, on which clause, what next.
import { Text, View } from '@tarojs/components';
import type { Decision, MyCode } from '../../types/model';
import { chineseDate } from '../../domain/time';
import { clauseText, CODE_LABEL } from '../lib/labels';
import './CodeCard.css';

export function CodeCard({ decision, person }: { decision: Decision; person: MyCode['person'] }) {
  return (
    <View className={`code-card code-card--${decision.code}`} data-testid="code-card">
      {person && (
        <Text className="code-card__person">
          {person.name} {person.idNumberMasked}
        </Text>
      )}
      <Text className="code-card__label">{CODE_LABEL[decision.code]}</Text>
      <Text className="code-card__reason">{decision.reason}</Text>
      <View className="code-card__meta">
        <Text>{clauseText(decision.clause)}</Text>
        <Text>政策版本：{decision.policyVersion}</Text>
        <Text>风险地区名单日期：{decision.riskListDate ? chineseDate(decision.riskListDate) : '无'}</Text>
        <Text>抵河日期：{chineseDate(decision.arrivalDate)}（第{decision.daysSinceArrival}天）</Text>
      </View>
      <View className="code-card__next">
        <Text className="code-card__next-title">下一步</Text>
        <Text>{decision.nextStep.text}</Text>
        {decision.nextStep.date && <Text>可办理日期：{chineseDate(decision.nextStep.date)}起</Text>}
      </View>
    </View>
  );
}
