// The last health code fetched, kept on the phone so a checkpoint can still see it offline.
import Taro from '@tarojs/taro';
import type { MyCode } from '../../types/model';

const KEY = 'myCode.v1';

export function saveCachedCode(code: MyCode): void {
  try {
    Taro.setStorageSync(KEY, code);
  } catch {
    // Storage full or unavailable: the live code still shows; only the offline copy is lost.
  }
}

export function loadCachedCode(): MyCode | null {
  try {
    const v = Taro.getStorageSync(KEY) as MyCode | '' | undefined;
    return v && typeof v === 'object' && typeof v.fetchedAt === 'string' ? v : null;
  } catch {
    return null;
  }
}
