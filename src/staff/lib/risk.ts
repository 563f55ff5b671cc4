// What the risk-registry pages share: labels, today's date in Asia/Shanghai, picking + uploading a list
// file, and the picker's text filter over place names.
import type { PlaceView, ResolutionHow, RiskDraftGroupView, RiskJobView, RiskVersionSummary } from '../../../types/api/risk';
import type { RiskAreaKind } from '../../../types/model';
import { localDate } from '../../../domain/time';
import { pickAndUploadFile } from '../../services/files';

export const KIND_LABEL: Record<RiskAreaKind, string> = { high: '高风险区', medium: '中风险区', sealed: '封控区', controlled: '管控区' };

/** Today in Asia/Shanghai, YYYY-MM-DD (the server checks again). */
export const todayInShanghai = () => localDate(new Date());

/** The day's list as published (CSV/XLSX/JSON), picked and uploaded; null when cancelled. */
export const pickAndUploadList = () => pickAndUploadFile(['csv', 'xlsx', 'json'], 'risk-lists');

export const GROUP_STATUS_LABEL: Record<RiskDraftGroupView['status'], string> = { open: '待处理', resolved: '已对应', excluded: '已排除' };

const HOW_LABEL: Record<ResolutionHow, string> = {
  exact: '按名称',
  municipality: '按直辖市写法',
  'no-county-city': '无区县的市',
  'province-county': '省直辖县',
  zone: '按开发区所在区县',
  street: '按街道所在区县',
  bingtuan: '兵团师市',
  mapping: '记住的决定',
};

/** How a group got its county, in words: a decision made today by hand is 手工, one from an earlier day is remembered. */
export function howLabel(how: ResolutionHow | undefined, decided?: { remembered: boolean }): string {
  if (!how) return '';
  if (how === 'mapping' && decided && !decided.remembered) return '手工';
  return HOW_LABEL[how];
}

export const JOB_PHASE_LABEL: Record<RiskJobView['phase'], string> = { publish: '写入名单', recode: '重新赋码', done: '已完成' };
export const VERSION_STATUS_LABEL: Record<RiskVersionSummary['status'], string> = { publishing: '发布中', published: '已发布', superseded: '已被更正' };
export const CHANGE_LABEL = { added: '新增', removed: '移除', changed: '等级变化' } as const;

export interface PlaceOption extends PlaceView {
  fullName?: string;
  /** Where the option came from: the server's likely counties, the row's city, or a search. */
  source: 'suggested' | 'city' | 'search';
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The options a typed text leaves: every place whose name (or full name) contains it, each code once, in the order given. */
export function filterPlaces(lists: Array<{ source: PlaceOption['source']; places: Array<PlaceView & { fullName?: string }> }>, text: string): PlaceOption[] {
  const q = squash(text);
  const seen = new Set<string>();
  const out: PlaceOption[] = [];
  for (const { source, places } of lists) {
    for (const p of places) {
      if (seen.has(p.code)) continue;
      if (q && !squash(p.name).includes(q) && !squash(p.fullName ?? '').includes(q)) continue;
      seen.add(p.code);
      out.push({ ...p, source });
    }
  }
  return out;
}

/** Text longer than this folds behind 展开 (never cut without saying so). */
export const FOLD_AT = 80;

export const timeText = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
