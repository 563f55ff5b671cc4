// Local mode (H5 against the local host) only: demo accounts and sign-in.
import Taro from '@tarojs/taro';
import type { Role } from '../../types/model';
import { NETWORK_ERROR, type ClientResult } from './api';

export interface DemoAccount {
  id: string;
  role: Role;
  name: string;
  roleLabel: string;
}

async function local<T>(method: 'GET' | 'POST', path: string, data?: object): Promise<ClientResult<T>> {
  try {
    const res = await Taro.request({ url: path, method, data, credentials: 'include', header: { 'content-type': 'application/json' } });
    const body = res.data as ClientResult<T> | undefined;
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return { ok: false, error: { code: 'INTERNAL', message: '本地服务返回了无法识别的结果' } };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

export const listDemoAccounts = () => local<{ accounts: DemoAccount[] }>('GET', '/local/accounts');
export const signIn = (accountId: string) => local<unknown>('POST', '/local/signin', { accountId });
/** A new resident account, signed in at once (local mode only). */
export const signUp = (name: string) => local<{ account: { id: string; role: Role; name: string } }>('POST', '/local/signup', { name });
export const signOut = () => local<unknown>('POST', '/local/signout');
