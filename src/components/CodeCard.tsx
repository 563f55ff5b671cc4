// The health code as a person shows it at a checkpoint, laid out as the provincial codes are: name,
// a live clock (a screenshot shows an old time), the QR inside the colour, the colour in words, an
// open movement window's countdown, why and what next; clause details and policy version folded.
import { Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import type { Decision, MovementWindowView, MyCode } from '../../types/model';
import { chineseDate, localClock } from '../../domain/time';
import { clauseText, CODE_LABEL } from '../lib/labels';
import { countdownText, useCountdown } from './MovementStatus';
import './CodeCard.css';

function LiveClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text className="code-card__clock" data-testid="code-clock">
      {localClock(now)}
    </Text>
  );
}

function WindowLine({ window }: { window: MovementWindowView }) {
  const left = useCountdown(window);
  if (left <= 0) return null;
  return (
    <View className="code-card__window" data-testid="card-window">
      <Text>限时流动中 · 剩余 {countdownText(left)}</Text>
      <Text className="code-card__window-route">
        {window.from} → {window.to}
      </Text>
    </View>
  );
}

export function CodeCard({ decision, person, qr, movementWindow }: {
  decision: Decision;
  person: MyCode['person'];
  /** The QR, drawn inside the colour card. */
  qr?: ReactNode;
  movementWindow?: MovementWindowView | null;
}) {
  const [details, setDetails] = useState(false);
  return (
    <View className={`code-card code-card--${decision.code}`} data-testid="code-card">
      {person && (
        <Text className="code-card__person">
          {person.name} {person.idNumberMasked}
        </Text>
      )}
      <LiveClock />
      {qr}
      <Text className="code-card__label">{CODE_LABEL[decision.code]}</Text>
      {movementWindow && <WindowLine key={movementWindow.id} window={movementWindow} />}
      <Text className="code-card__reason">{decision.reason}</Text>
      <View className="code-card__next">
        <Text className="code-card__next-title">下一步</Text>
        <Text>{decision.nextStep.text}</Text>
        {decision.nextStep.date && <Text>可办理日期：{chineseDate(decision.nextStep.date)}起</Text>}
      </View>
      <View className="code-card__meta">
        <Text>{clauseText(decision.clause)}</Text>
        <Text>抵河日期：{chineseDate(decision.arrivalDate)}（第{decision.daysSinceArrival}天）</Text>
        <Text>风险地区名单日期：{decision.riskListDate ? chineseDate(decision.riskListDate) : '无'}</Text>
        {details ? (
          <Text>政策版本：{decision.policyVersion}</Text>
        ) : (
          <Text className="code-card__more" onClick={() => setDetails(true)}>
            详细信息 ›
          </Text>
        )}
      </View>
    </View>
  );
}
