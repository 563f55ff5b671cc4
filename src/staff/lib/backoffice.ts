// What the back-office pages share: labels, dates, and picking + uploading a testing site's file.
import Taro from '@tarojs/taro';
import type { HandlingStatus, Measure } from '../../../types/model';
import type { ClientResult } from '../../services/api';
import { uploadFile } from '../../services/files';
import { isWeapp } from '../../services/env';

export const MEASURES: Array<{ value: Measure | 'none'; label: string }> = [
  { value: 'centralized-isolation', label: '集中隔离（红码）' },
  { value: 'home-medical-observation', label: '居家医学观察（红码）' },
  { value: 'home-health-monitoring', label: '居家健康监测（黄码）' },
  { value: 'none', label: '无需管控（按报备赋码）' },
];
export const MEASURE_LABEL = Object.fromEntries(MEASURES.map((m) => [m.value, m.label])) as Record<Measure | 'none', string>;

export const STATUS_LABEL: Record<HandlingStatus, string> = { new: '待核实', unreached: '未联系上', coded: '已核实赋码', transferred: '转入待处理' };

const zoneDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today in Asia/Shanghai, YYYY-MM-DD (the server decides; this only fills forms). */
export const today = () => zoneDate.format(new Date());
export const timeText = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export const inputValue = (e: { detail: { value: string } }) => e.detail.value;
/** A fresh id per submission, so a retried tap is recorded once. */
export const newRequestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** Lets the staff member pick a CSV/XLSX file and uploads it; null when they cancel. */
export async function pickAndUpload(folder: string): Promise<ClientResult<{ fileId: string; name: string }> | null> {
  if (isWeapp) {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).catch(() => null);
    const file = picked?.tempFiles[0];
    if (!file) return null;
    const up = await uploadFile(file.path, folder);
    return up.ok ? { ok: true, data: { fileId: up.data.fileId, name: file.name } } : up;
  }
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
  if (!file) return null;
  try {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch('/local/upload', { method: 'POST', body: form, credentials: 'include' });
    const body = (await res.json()) as ClientResult<{ fileId: string }>;
    return body.ok ? { ok: true, data: { fileId: body.data.fileId, name: file.name } } : body;
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '网络不可用，请稍后重试' } };
  }
}
