// 健康码记录: every code change, movement window, appeal and answer, newest first.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { localDateTime } from '../../../domain/time';
import type { TimelineEntry } from '../../../types/model';
import { callFunction } from '../../services/api';
import '../../components/resident.css';

export default function HistoryPage() {
  const personId = useRouter().params.personId;
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void callFunction('code', { action: 'history', ...(personId ? { personId } : {}) }).then((r) => (r.ok ? setEntries(r.data.entries) : setError(r.error.message)));
  }, [personId]);
  if (error) return <Text className="resident-note">{error}</Text>;
  if (!entries) return <Text className="resident-note">正在加载…</Text>;
  return (
    <View>
      {entries.length === 0 && <Text className="resident-note">暂无记录</Text>}
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className="resident-card" data-testid="timeline-entry">
          <Text className="resident-card__title">{e.title}</Text>
          <Text>{e.detail}</Text>
          <Text className="resident-card__muted">
            {localDateTime(e.at)}
            {e.policyVersion ? ` · 政策版本 ${e.policyVersion}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
