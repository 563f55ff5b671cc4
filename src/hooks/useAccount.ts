// The signed-in account (role, jurisdiction), fetched once per page.
import { useEffect, useState } from 'react';
import type { AccountView } from '../../types/model';
import { callFunction } from '../services/api';

export function useAccount(): AccountView | null {
  const [account, setAccount] = useState<AccountView | null>(null);
  useEffect(() => {
    let live = true;
    void callFunction('account', { action: 'me' }).then((r) => {
      if (live && r.ok) setAccount(r.data.account);
    });
    return () => {
      live = false;
    };
  }, []);
  return account;
}
