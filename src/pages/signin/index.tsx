// Local mode only (not in the weapp build): pick a seeded demo account, or sign up a new resident.
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { listDemoAccounts, signIn, signUp, type DemoAccount } from '../../services/local';
import './index.css';

export default function SignInPage() {
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [signUpError, setSignUpError] = useState<string | null>(null);

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

  const register = async () => {
    if (busy) return;
    setBusy('new');
    setSignUpError(null);
    const r = await signUp(newName.trim());
    setBusy(null);
    if (r.ok) void Taro.reLaunch({ url: '/pages/code/index' });
    else setSignUpError(r.error.message);
  };

  return (
    <View className="signin">
      <View className="signin__banner">
        <Text>本页面仅在本地演示模式下存在：选择一个演示账号登录。微信小程序中以微信身份登录，没有此页面。</Text>
      </View>
      {error && <Text className="signin__error">{error}</Text>}
      {!accounts && !error && <Text className="signin__info">正在加载演示账号…</Text>}
      <View className="signin__new" data-testid="signup">
        <Text className="signin__new-title">新建居民账号</Text>
        <Text className="signin__info">演示或试点人数多于上面的账号时，在这里为每位居民新建一个账号（仅本地模式）。</Text>
        <Input className="text-input" value={newName} placeholder="居民姓名" onInput={(e) => setNewName(e.detail.value)} onConfirm={() => void register()} />
        {signUpError && <Text className="signin__error">{signUpError}</Text>}
        <Button type="primary" block loading={busy === 'new'} onClick={() => void register()}>
          新建并登录
        </Button>
      </View>
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
