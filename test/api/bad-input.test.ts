// Bad input: a 400 with a Chinese message naming the field, nothing stored, and the host keeps serving.
import { startTestHost, type TestHost } from '../support/local-host';
import { PLACES, idNumber, reportInput } from '../support/reports';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
let resident: string;
beforeAll(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterAll(() => host.close());

const wrongCheckChar = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const today = () => localDate(host.clock.now);

async function expectNothingStored() {
  for (const c of ['reports', 'persons', 'codes', 'codeEvents'] as const) expect(await host.store.count(c)).toBe(0);
  const account = await host.store.get('accounts', 'demo-arrival');
  expect(account?.selfPersonId).toBeUndefined();
}

const cases: Array<[string, () => unknown, string | RegExp, string?]> = [
  ['wrong type: itineraryStar as a string', () => reportInput(host.clock.now, { itineraryStar: 'yes' }), '「行程码是否带*」应为是/否', 'itineraryStar'],
  ['wrong type: itinerary as an object', () => reportInput(host.clock.now, { itinerary: { townCode: '1' } }), '「14天行程」应为列表', 'itinerary'],
  ['missing field: phone', () => { const { phone: _p, ...rest } = reportInput(host.clock.now); return rest; }, '缺少「手机号」', 'phone'],
  ['missing field: destination address', () => reportInput(host.clock.now, { destination: { villageCode: PLACES.hechiVillage } }), '缺少「详细地址」', 'destination.address'],
  ['bad ID checksum', () => reportInput(host.clock.now, { idNumber: wrongCheckChar(idNumber()) }), '身份证号校验位不正确，请核对是否输错', 'idNumber'],
  ['arrival in the future', () => reportInput(host.clock.now, { arrivalDate: addDays(today(), 1), itinerary: [{ townCode: PLACES.nanningTown, departDate: today() }] }), '抵河日期不能晚于今天', 'arrivalDate'],
  ['departure after arrival', () => reportInput(host.clock.now, { itinerary: [{ townCode: PLACES.nanningTown, departDate: today() }], arrivalDate: addDays(today(), -2) }), '离开出发地的日期不能晚于抵河日期', 'itinerary.0.departDate'],
  ['not a calendar date', () => reportInput(host.clock.now, { arrivalDate: '2022-02-30' }), '请选择抵河日期', 'arrivalDate'],
  ['unknown division code', () => reportInput(host.clock.now, { itinerary: [{ townCode: '999999999', departDate: addDays(today(), -3) }] }), '出发地不存在，请重新选择到乡镇/街道', 'itinerary.0.townCode'],
  ['a destination outside Hechi', () => reportInput(host.clock.now, { destination: { villageCode: '450103001001', address: '某路1号' } }), '「河池目的地（社区/村）」格式不正确', 'destination.villageCode'],
  ['an unknown Hechi village', () => reportInput(host.clock.now, { destination: { villageCode: '451202001999', address: '某路1号' } }), '河池目的地不存在，请重新选择到社区/村', 'destination.villageCode'],
  ['a risk area not on the list', () => reportInput(host.clock.now, { itinerary: [{ townCode: PLACES.nanningTown, departDate: addDays(today(), -3), riskAreaIds: ['made-up'] }] }), '出发地所选的风险区域不在当前名单中，请刷新后重新选择', 'itinerary.0.riskAreaIds'],
  ['100 KB name', () => reportInput(host.clock.now, { name: '王'.repeat(100 * 1024) }), '「姓名」不能超过30个字', 'name'],
  ['100 KB address', () => reportInput(host.clock.now, { destination: { villageCode: PLACES.hechiVillage, address: 'x'.repeat(100 * 1024) } }), '「详细地址」不能超过100个字', 'destination.address'],
  ['unknown transport', () => reportInput(host.clock.now, { transport: 'rocket' }), '「交通方式」不是可选的值', 'transport'],
  ['an extra field', () => reportInput(host.clock.now, { admin: true }), '不支持的字段「admin」', 'admin'],
  ['unknown action', () => ({ action: 'drop' }), /^未知的操作/, 'action'],
  ['not an object', () => [1, 2, 3], '请求内容应为JSON对象', undefined],
];

describe('bad input to report.submit', () => {
  it.each(cases)('%s → 400', async (_name, make, message, field) => {
    const res = await host.call('report', make(), resident);
    expect(res.status).toBe(400);
    expect(res.json.ok).toBe(false);
    expect(res.json.error.code).toBe('BAD_INPUT');
    if (typeof message === 'string') expect(res.json.error.message).toBe(message);
    else expect(res.json.error.message).toMatch(message);
    if (field) expect(res.json.error.field).toBe(field);
    await expectNothingStored();
  });

  it('malformed JSON → 400 in the contract shape, and the host keeps serving', async () => {
    const res = await host.call('report', '{"action":"submit",', resident);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '请求内容不是有效的JSON，请检查后重试' } });
    const after = await host.call('report', reportInput(host.clock.now), resident);
    expect(after.status).toBe(200);
    expect(await host.store.count('reports')).toBe(1);
  });

  it('an unknown function → 404', async () => {
    const res = await host.call('nope', { action: 'x' }, resident);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});
