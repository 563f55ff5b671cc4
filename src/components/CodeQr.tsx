// The QR of the signed short-lived token. A stale one is greyed out: a checkpoint would refuse it.
import { Image, Text, View } from '@tarojs/components';
import type { CodeQr as Qr } from '../../types/model';
import { localTime } from '../../domain/time';
import './CodeQr.css';

export function CodeQr({ qr, stale }: { qr: Qr; stale: boolean }) {
  return (
    <View className={`code-qr${stale ? ' code-qr--stale' : ''}`} data-testid="code-qr">
      <Image className="code-qr__img" src={qr.dataUrl} mode="aspectFit" />
      {stale ? (
        <Text className="code-qr__hint">二维码已过期，请联网后刷新</Text>
      ) : (
        <Text className="code-qr__hint">有效至 {localTime(qr.expiresAt)}（每分钟自动刷新）</Text>
      )}
    </View>
  );
}
