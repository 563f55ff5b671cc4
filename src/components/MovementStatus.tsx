// 限时流动 on the code page: while a window is open, the yellow code says so with the end time, a
// countdown and the notice's conditions; otherwise an eligible person sees the button to apply.
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { localDateTime } from '../../domain/time';
import type { MovementWindowView, MyCode } from '../../types/model';
import './MovementStatus.css';

const pad = (n: number) => String(n).padStart(2, '0');
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * Counts down from the server's `remainingSeconds`, measured from when this copy arrived — the
 * phone's own clock may be off, the server's is the one that decides.
 */
export function useCountdown(window: MovementWindowView): number {
  const [received] = useState(() => Date.now());
  const [now, setNow] = useState(received);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return window.remainingSeconds - (now - received) / 1000;
}

export function MovementStatus({ window, onEnded }: { window: MovementWindowView; onEnded: () => void }) {
  const left = useCountdown(window);
  const ended = left <= 0;
  useEffect(() => {
    // At the end the code returns to plain yellow: ask the server, which no longer shows the window.
    if (ended) onEnded();
  }, [ended, onEnded]);
  if (ended) return null;
  return (
    <View className="movement" data-testid="movement-window">
      <Text className="movement__title">黄码 · 限时流动中</Text>
      <Text className="movement__route">
        {window.from} → {window.to}（{window.hours}小时）
      </Text>
      <Text>结束时间：{localDateTime(window.endAt)}</Text>
      <Text className="movement__countdown" data-testid="movement-countdown">
        剩余 {countdownText(left)}
      </Text>
      <View className="movement__conditions">
        {window.conditions.map((c) => (
          <Text key={c}>· {c}</Text>
        ))}
      </View>
    </View>
  );
}

export function MovementApplyButton({ onApply, rule }: { onApply: () => void; rule?: MyCode['movementRule'] }) {
  // The hours and reasons of the policy in force (Hechi: 1—24 hours, to return home).
  const hours = `${rule?.minHours ?? 1}—${rule?.maxHours ?? 24}小时`;
  return (
    <View className="movement movement--offer">
      <Text>
        {rule?.onRequestFor
          ? `因${rule.onRequestFor.join('、')}可申请一次${hours}的限时流动（每次赋黄码仅一次机会）。`
          : `您可申请一次${hours}的限时流动，用于从抵河地返回住地（每次赋黄码仅一次机会）。`}
      </Text>
      <Button block type="warning" onClick={onApply}>
        申请限时流动
      </Button>
    </View>
  );
}
