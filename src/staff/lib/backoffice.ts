// What the back-office pages share: labels, dates, and picking + uploading a testing site's file.
import type { ArrivalDetail, CodeColor, HandlingStatus, Measure } from '../../../types/model';
import { localDate } from '../../../domain/time';
import { pickAndUploadFile } from '../../services/files';

const CODE_NAME: Record<CodeColor, string> = { red: '红码', yellow: '黄码', green: '绿码' };
/** The form's choices: the measures of the policy in force (sent with the arrival) and the code each gives. */
export function measureOptions(measures: ArrivalDetail['measures']): Array<{ value: Measure | 'none'; label: string }> {
  return [...measures.map((m) => ({ value: m.measure, label: `${m.label}（${CODE_NAME[m.code]}）` })), { value: 'none', label: '无需管控（按报备赋码）' }];
}
export const measureLabel = (measures: ArrivalDetail['measures'], measure: Measure | 'none') =>
  measure === 'none' ? '无需管控（按报备赋码）' : (measures.find((m) => m.measure === measure)?.label ?? measure);

export const STATUS_LABEL: Record<HandlingStatus, string> = { new: '待核实', unreached: '未联系上', coded: '已核实赋码', transferred: '转入待处理' };

/** Today in Asia/Shanghai, YYYY-MM-DD (the server decides; this only fills forms). */
export const today = () => localDate(new Date());
export const timeText = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export const inputValue = (e: { detail: { value: string } }) => e.detail.value;
/** A fresh id per submission, so a retried tap is recorded once. */
export const newRequestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** A testing site's result sheet (CSV/XLSX), picked and uploaded; null when cancelled. */
export const pickAndUpload = (folder: string) => pickAndUploadFile(['csv', 'xlsx'], folder);
