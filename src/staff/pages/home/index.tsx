// Staff workbench: who I am, where I am responsible, and the tools my role may use.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { AccountView } from '../../../../types/model';
import { callFunction } from '../../../services/api';
import { ROLE_LABELS } from '../../../../domain/labels';
import { entriesFor } from '../../entries';
import './index.css';

export default function StaffHome() {
  const [account, setAccount] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void callFunction('account', { action: 'me' }).then((r) => (r.ok ? setAccount(r.data.account) : setError(r.error.message)));
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
          <Text className="staff-home__entry-title">{e.title}</Text>
          <Text className="staff-home__entry-text">{e.description}</Text>
        </View>
      ))}
      {entries.length === 0 && <Text className="staff-home__info">您的角色暂无可用的功能</Text>}
    </View>
  );
}
