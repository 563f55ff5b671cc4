// Local mode only (not in the weapp build): pick a seeded demo account.
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { listDemoAccounts, signIn, type DemoAccount } from '../../services/local';
import './index.css';

export default function SignInPage() {
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void listDemoAccounts().then((r) => (r.ok ? setAccounts(r.data.accounts) : setError(r.error.message)));
  }, []);

  const choose = async (a: DemoAccount) => {
    if (busy) return;
    setBusy(a.id);
    const r = await signIn(a.id);
    setBusy(null);
    // Staff land on their workbench; residents on their code.
    if (r.ok) void Taro.reLaunch({ url: a.role === 'resident' ? '/pages/code/index' : '/staff/pages/home/index' });
    else setError(r.error.message);
  };

  return (
    <View className="signin">
      <View className="signin__banner">
        <Text>本页面仅在本地演示模式下存在：选择一个演示账号登录。微信小程序中以微信身份登录，没有此页面。</Text>
      </View>
      {error && <Text className="signin__error">{error}</Text>}
      {!accounts && !error && <Text className="signin__info">正在加载演示账号…</Text>}
      {accounts?.map((a) => (
        <Cell
          key={a.id}
          title={a.name}
          description={a.roleLabel}
          extra={<Button size="small" type="primary" loading={busy === a.id} onClick={() => void choose(a)}>登录</Button>}
        />
      ))}
    </View>
  );
}
