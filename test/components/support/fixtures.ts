// Shapes the API answers with, for the component tests.
import type { Decision, Division, MyCode } from '../../../types/model';

export const yellowDecision: Decision = {
  code: 'yellow',
  clause: '一(二)2',
  category: 'B',
  policyVersion: '1.0.0',
  riskListDate: '2022-04-08',
  arrivalDate: '2022-04-01',
  daysSinceArrival: 8,
  since: '2022-04-09',
  reason: '14天内到过中高风险地区所在县（吉林省长春市宽城区），抵河第8天，超过7天',
  nextStep: { text: '完成7天健康监测并核酸检测阴性后可转为绿码', date: '2022-04-16' },
  movementWindowEligible: true,
  matchedPlaces: ['吉林省长春市宽城区'],
};

export function myCode(over: Partial<MyCode> = {}): MyCode {
  return {
    person: { name: '张三', idNumberMasked: '450702********1234' },
    decision: yellowDecision,
    qr: { token: 'tok', expiresAt: '2022-04-09T02:35:00.000Z' },
    fetchedAt: '2022-04-09T02:30:00.000Z',
    ...over,
  };
}

export const div = (code: string, name: string, level: Division['level'], fullName = name): Division => ({
  code,
  name,
  level,
  fullName,
  hasChildren: level < 5,
});

/** A small division tree: 吉林省 › 长春市 › 宽城区 › 兴业街道; 河池市 › 金城江区 › 金城江街道 › 某社区. */
export const divisionChildren: Record<string, Division[]> = {
  '': [div('22', '吉林省', 1), div('45', '广西壮族自治区', 1)],
  '22': [div('2201', '长春市', 2, '吉林省长春市')],
  '2201': [div('220103', '宽城区', 3, '吉林省长春市宽城区')],
  '220103': [div('220103001', '兴业街道', 4, '吉林省长春市宽城区兴业街道')],
  '4512': [div('451202', '金城江区', 3, '广西壮族自治区河池市金城江区')],
  '451202': [div('451202001', '金城江街道', 4, '广西壮族自治区河池市金城江区金城江街道')],
  '451202001': [div('451202001001', '新桥社区', 5, '广西壮族自治区河池市金城江区金城江街道新桥社区')],
};

/** A valid ID number (checksum correct). */
export const GOOD_ID = '11010519491231002X';
