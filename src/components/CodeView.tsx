// What the home page shows for a code state: live code, offline copy, no report yet, or an error.
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { localTime } from '../../domain/time';
import { useEffect } from 'react';
import { firstScreenDone, type MyCodeState } from '../hooks/useMyCode';
import { CodeCard } from './CodeCard';
import { CodeQr } from './CodeQr';
import './CodeView.css';

interface Props extends MyCodeState {
  now: Date;
  onReport: () => void;
  onRetry: () => void;
}

export function CodeView({ status, code, error, now, onReport, onRetry }: Props) {
  useEffect(() => {
    if (status !== 'loading') firstScreenDone();
  }, [status]);
  if (status === 'loading') return <Text className="code-view__info">正在获取健康码…</Text>;
  if (status === 'error' || !code) {
    return (
      <View className="code-view__error" data-testid="code-error">
        <Text>{error?.message ?? '获取健康码失败'}</Text>
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  const offline = status === 'offline';
  return (
    <View>
      {offline && (
        <View className="code-view__offline" data-testid="offline-banner">
          <Text>网络异常，显示的是 {localTime(code.fetchedAt)} 获取的健康码</Text>
        </View>
      )}
      {code.decision ? (
        <>
          <CodeCard
            decision={code.decision}
            person={code.person}
            movementWindow={offline ? null : code.movementWindow}
            qr={code.qr && <CodeQr qr={code.qr} stale={offline || Date.parse(code.qr.expiresAt) <= now.getTime()} />}
          />
        </>
      ) : (
        <View className="code-view__empty" data-testid="no-report">
          <Text>您还没有填报“一键直报”，暂无健康码。来（返）河池人员请先报备。</Text>
          <Button type="primary" onClick={onReport}>
            去报备
          </Button>
        </View>
      )}
    </View>
  );
}
