// Staff workbench, where staff land: who I am, where I am responsible, the tools my role may use with
// today's count of what waits in each, and my own health code.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { AccountView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { ROLE_LABELS } from '../../../../domain/labels';
import { entriesFor } from '../../entries';
import { loadCounts, type DutyCount } from '../../lib/counts';
import './index.css';

export default function StaffHome() {
  const [account, setAccount] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, DutyCount>>({});
  useEffect(() => {
    void callFunction('account', { action: 'me' }).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setAccount(r.data.account);
      if (r.data.account.role !== 'resident') {
        loadCounts(entriesFor(r.data.account.role).map((e) => e.url), (url, c) => setCounts((all) => ({ ...all, [url]: c })));
      }
    });
  }, []);

  if (error) return <Text className="staff-home__error">{error}</Text>;
  if (!account) return <Text className="staff-home__info">正在加载…</Text>;
  // The account number is the WeChat OPENID: the Bureau enters it to open a staff account.
  if (account.role === 'resident') {
    return <Text className="staff-home__error">工作台仅供工作人员使用。如需开通工作人员账号，请将账号编号 {account.id} 告知市大数据发展局。</Text>;
  }
  const entries = entriesFor(account.role);
  return (
    <View className="staff-home">
      <View className="staff-home__who">
        <Text className="staff-home__name">{account.name}</Text>
        <Text>{ROLE_LABELS[account.role]}</Text>
        <Text>管辖范围：{account.jurisdictionName ?? account.jurisdiction ?? '未设置'}</Text>
      </View>
      {entries.map((e) => (
        <View key={e.url} className="staff-home__entry" onClick={() => void Taro.navigateTo({ url: e.url })}>
          <View className="staff-home__entry-head">
            <Text className="staff-home__entry-title">{e.title}</Text>
            {counts[e.url] && (
              <Text className={`staff-home__count${counts[e.url].count > 0 ? ' staff-home__count--due' : ''}`} data-testid="duty-count">
                {counts[e.url].label} {counts[e.url].count}
                {counts[e.url].more ? '+' : ''}
              </Text>
            )}
          </View>
          <Text className="staff-home__entry-text">{e.description}</Text>
        </View>
      ))}
      {entries.length === 0 && <Text className="staff-home__info">您的角色暂无可用的功能</Text>}
      <Text className="staff-home__own" onClick={() => void Taro.navigateTo({ url: '/pages/code/index?own=1' })}>
        我的健康码 ›
      </Text>
    </View>
  );
}
