// Personal identifiers: checks and masking. Pure, shared by the app (to help a person fill the form)
// and the server (which decides).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why an 18-digit resident ID number is not valid, or null when it is. */
export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dXx]$/.test(id)) return '身份证号应为18位，前17位为数字，最后一位为数字或X';
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '身份证号中的出生日期不正确，请核对';
  if (idCheckChar(id.slice(0, 17)) !== id[17]!.toUpperCase()) return '身份证号校验位不正确，请核对是否输错';
  return null;
}

export function phoneProblem(phone: string): string | null {
  return /^1[3-9]\d{9}$/.test(phone) ? null : '手机号应为以1开头的11位数字';
}

/** 450702********1234 style: enough to recognise, not enough to use. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

/** 张*三 / 张* : first and last character kept. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
