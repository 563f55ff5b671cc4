// What the back-office pages share: labels, dates, and picking + uploading a testing site's file.
import type { HandlingStatus, Measure } from '../../../types/model';
import { localDate } from '../../../domain/time';
import { pickAndUploadFile } from '../../services/files';

export const MEASURES: Array<{ value: Measure | 'none'; label: string }> = [
  { value: 'centralized-isolation', label: '集中隔离（红码）' },
  { value: 'home-medical-observation', label: '居家医学观察（红码）' },
  { value: 'home-health-monitoring', label: '居家健康监测（黄码）' },
  { value: 'none', label: '无需管控（按报备赋码）' },
];
export const MEASURE_LABEL = Object.fromEntries(MEASURES.map((m) => [m.value, m.label])) as Record<Measure | 'none', string>;

export const STATUS_LABEL: Record<HandlingStatus, string> = { new: '待核实', unreached: '未联系上', coded: '已核实赋码', transferred: '转入待处理' };

/** Today in Asia/Shanghai, YYYY-MM-DD (the server decides; this only fills forms). */
export const today = () => localDate(new Date());
export const timeText = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export const inputValue = (e: { detail: { value: string } }) => e.detail.value;
/** A fresh id per submission, so a retried tap is recorded once. */
export const newRequestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** A testing site's result sheet (CSV/XLSX), picked and uploaded; null when cancelled. */
export const pickAndUpload = (folder: string) => pickAndUploadFile(['csv', 'xlsx'], folder);
