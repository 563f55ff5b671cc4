// Report inputs that read like the people who file them. Dates are relative to the test's clock.
import { randomUUID } from 'node:crypto';
import { addDays, localDate } from '../../domain/time';
import { idCheckChar } from '../../domain/validate/identity';

/** A valid resident ID number for a birth date and a serial. */
export function idNumber(birth = '19900307', serial = '123'): string {
  const first17 = `450702${birth}${serial}`;
  return first17 + idCheckChar(first17);
}

export const PLACES = {
  /** 吉林省长春市宽城区站前街道 — a county with listed areas on 2022-04-15. */
  kuanchengTown: '220103002',
  /** 吉林省长春市南关区南岭街道 — another county of the same city. */
  nanguanTown: '220102001',
  /** 广西南宁市青秀区新竹街道 — no risk. */
  nanningTown: '450103001',
  /** 河池市金城江区金城江街道城北社区 */
  hechiVillage: '451202001001',
};

export function reportInput(now: Date, overrides: Record<string, unknown> = {}) {
  const arrival = addDays(localDate(now), -3);
  return {
    action: 'submit',
    requestId: randomUUID(),
    name: '王小明',
    idNumber: idNumber(),
    phone: '13800138000',
    itinerary: [{ townCode: PLACES.nanningTown, departDate: arrival }],
    arrivalDate: arrival,
    transport: 'train',
    transportNo: 'D3456',
    itineraryStar: false,
    destination: { villageCode: PLACES.hechiVillage, address: '城北路12号3栋201' },
    ...overrides,
  };
}
