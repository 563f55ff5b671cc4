// Pure arithmetic on GB/T 2260 division codes (2 province, 4 city, 6 county, 9 town, 12 village).

/** Beijing, Tianjin, Shanghai, Chongqing: a municipality counts as one city, its districts as counties. */
export const MUNICIPALITIES = ['11', '12', '31', '50'];
export const HECHI_CITY = '4512';

export const provinceOf = (code: string): string => code.slice(0, 2);
export const countyOf = (code: string): string => code.slice(0, 6);

/** The city a county belongs to, for the policy: a municipality is one city (`1100`, `5000`, ...). */
export function cityOf(code: string): string {
  const province = provinceOf(code);
  return MUNICIPALITIES.includes(province) ? `${province}00` : code.slice(0, 4);
}

export function levelOf(code: string): 1 | 2 | 3 | 4 | 5 {
  switch (code.length) {
    case 2:
      return 1;
    case 4:
      return 2;
    case 6:
      return 3;
    case 9:
      return 4;
    default:
      return 5;
  }
}

export const isInHechi = (code: string): boolean => code.startsWith(HECHI_CITY);
