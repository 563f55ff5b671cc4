// Chinese labels for codes the API speaks in.
import type { CodeColor, Transport } from '../../types/model';

export const CODE_LABEL: Record<CodeColor, string> = { red: '红码', yellow: '黄码', green: '绿码' };

export const TRANSPORTS: Array<{ value: Transport; label: string }> = [
  { value: 'car', label: '自驾' },
  { value: 'train', label: '火车' },
  { value: 'flight', label: '飞机' },
  { value: 'bus', label: '客车' },
  { value: 'ship', label: '轮船' },
  { value: 'other', label: '其他' },
];

export const TRANSPORT_LABEL = Object.fromEntries(TRANSPORTS.map((t) => [t.value, t.label])) as Record<
  Transport,
  string
>;

/** "通知一(一)1" → shown as 依据：通知一(一)1; clause ids are already in the notice's numbering. */
export function clauseText(clause: string): string {
  return `依据：通知${clause}`;
}
