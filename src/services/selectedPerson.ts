// Which of the account's persons the code page shows (the account's own, or a family member's),
// kept on the phone so the choice survives a reLaunch.
import Taro from '@tarojs/taro';

const KEY = 'saoma.selectedPerson';

export function loadSelectedPerson(): string | undefined {
  try {
    const v = Taro.getStorageSync(KEY) as string | '' | undefined;
    return v || undefined;
  } catch {
    return undefined;
  }
}

export function saveSelectedPerson(personId: string | undefined): void {
  try {
    if (personId) Taro.setStorageSync(KEY, personId);
    else Taro.removeStorageSync(KEY);
  } catch {
    /* storage full or unavailable: the own code is shown */
  }
}
