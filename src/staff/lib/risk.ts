// What the risk-registry pages share: labels, today's date in Asia/Shanghai, and picking + uploading a list file.
import Taro from '@tarojs/taro';
import type { RiskAreaKind } from '../../../types/model';
import type { ClientResult } from '../../services/api';
import { uploadFile } from '../../services/files';
import { isWeapp } from '../../services/env';

export const KIND_LABEL: Record<RiskAreaKind, string> = { high: '高风险区', medium: '中风险区', sealed: '封控区', controlled: '管控区' };

const zoneDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today in Asia/Shanghai, YYYY-MM-DD (the server checks again). */
export const todayInShanghai = () => zoneDate.format(new Date());

/** Lets the staff member pick a CSV/XLSX/JSON file and uploads it; null when they cancel. */
export async function pickAndUploadList(): Promise<ClientResult<{ fileId: string; name: string }> | null> {
  if (isWeapp) {
    // In WeChat a file comes from a chat (the list as it was forwarded to the Bureau).
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx', 'json'] }).catch(() => null);
    const file = picked?.tempFiles[0];
    if (!file) return null;
    const up = await uploadFile(file.path, 'risk-lists');
    return up.ok ? { ok: true, data: { fileId: up.data.fileId, name: file.name } } : up;
  }
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,.json,text/csv,application/json';
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
