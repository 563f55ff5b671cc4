// Quick query (三(三)) for every staff member: does this city (or a municipality's district) have
// medium/high-risk areas, and which? this county (or a municipality's street)? Today or as of a date.
import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOutput } from '../../../services/api';
import type { RiskQueryAnswer } from '../../../../types/api/risk';
import { callFunction } from '../../../services/api';
import { KIND_LABEL, todayInShanghai } from '../../lib/risk';
import '../../lib/risk.css';

const LEVEL_LABEL = { city: '城市', county: '区县', street: '街道/乡镇' } as const;

export default function RiskQuery() {
  const [q, setQ] = useState('');
  const [date, setDate] = useState(todayInShanghai());
  const [places, setPlaces] = useState<ActionOutput<'risk', 'search'>['places']>([]);
  const [answer, setAnswer] = useState<RiskQueryAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(text: string) {
    setQ(text);
    if (!text.trim()) return setPlaces([]);
    const r = await callFunction('risk', { action: 'search', q: text.trim() });
    if (r.ok) setPlaces(r.data.places);
  }
  async function ask(code: string, on = date) {
    setError(null);
    const r = await callFunction('risk', { action: 'query', code, ...(on === todayInShanghai() ? {} : { date: on }) });
    if (r.ok) setAnswer(r.data);
    else setError(r.error.message);
  }

  return (
    <View className="risk">
      <View className="risk__card">
        <Input className="risk__input" placeholder="输入城市、区县或街道名称，如 长春、朝阳区、酒仙桥" value={q} onInput={(e) => void search(e.detail.value)} />
        <Picker mode="date" value={date} end={todayInShanghai()} onChange={(e) => { setDate(e.detail.value); if (answer) void ask(answer.place.code, e.detail.value); }}>
          <View className="risk__row">
            <Text>查询日期：</Text>
            <Text className="risk__input">{date === todayInShanghai() ? `今天（${date}）` : date}</Text>
          </View>
        </Picker>
        {places.map((p) => (
          <View key={p.code} className="risk__item" onClick={() => { setPlaces([]); setQ(p.fullName); void ask(p.code); }}>
            <Text>
              {p.fullName} <Text className="risk__muted">{LEVEL_LABEL[p.level]}</Text>
            </Text>
          </View>
        ))}
        {error && <Text className="risk__error">{error}</Text>}
      </View>
      {answer && (
        <View className="risk__card">
          <Text className="risk__title">{answer.summary}</Text>
          <Text className="risk__muted">
            {answer.place.fullName}（{LEVEL_LABEL[answer.place.level]}），按{answer.listDate ?? '—'}名单
          </Text>
          {answer.areas.map((a) => (
            <View key={a.id} className="risk__item">
              <Text>
                <Text className={`risk__tag risk__tag--${a.kind}`}>{KIND_LABEL[a.kind]}</Text>
                {a.county}
                {a.area}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
