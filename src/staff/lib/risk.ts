// What the risk-registry pages share: labels, today's date in Asia/Shanghai, and picking + uploading a list file.
import type { RiskAreaKind } from '../../../types/model';
import { localDate } from '../../../domain/time';
import { pickAndUploadFile } from '../../services/files';

export const KIND_LABEL: Record<RiskAreaKind, string> = { high: '高风险区', medium: '中风险区', sealed: '封控区', controlled: '管控区' };

/** Today in Asia/Shanghai, YYYY-MM-DD (the server checks again). */
export const todayInShanghai = () => localDate(new Date());

/** The day's list as published (CSV/XLSX/JSON), picked and uploaded; null when cancelled. */
export const pickAndUploadList = () => pickAndUploadFile(['csv', 'xlsx', 'json'], 'risk-lists');
