// State, client-side checks and the one-shot submit of the 一键直报 form. The checks are the
// domain's own (reportProblems), plus completeness checks only the form can make.
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FieldProblem } from '../../domain/validate/report';
import { reportProblems } from '../../domain/validate/report';
import type { Division, ReportDetail, ReportInput, RiskAreaOption, Transport } from '../../types/model';
import type { ClientError, ClientResult } from '../services/api';
import { newRequestId } from '../services/requestId';

export interface StopDraft {
  key: number;
  townCode: string;
  townLabel: string;
  departDate: string;
  /** Listed areas of the stop's county: null while unknown/loading. */
  riskAreas: RiskAreaOption[] | null;
  /** null = not answered; [] = 以上均未到过. */
  riskAreaIds: string[] | null;
  /** The risk-area query failed: the stop must be chosen again. */
  riskAreasFailed: boolean;
}

export interface ReportDraft {
  name: string;
  idNumber: string;
  phone: string;
  stops: StopDraft[];
  arrivalDate: string;
  transport: Transport | '';
  transportNo: string;
  itineraryStar: boolean;
  villageCode: string;
  villageLabel: string;
  address: string;
}

let stopKey = 0;
export const emptyStop = (): StopDraft => ({
  key: ++stopKey,
  townCode: '',
  townLabel: '',
  departDate: '',
  riskAreas: null,
  riskAreaIds: null,
  riskAreasFailed: false,
});

export const emptyDraft = (): ReportDraft => ({
  name: '',
  idNumber: '',
  phone: '',
  stops: [emptyStop()],
  arrivalDate: '',
  transport: '',
  transportNo: '',
  itineraryStar: false,
  villageCode: '',
  villageLabel: '',
  address: '',
});

/** The API input for a draft. riskAreaIds is sent only when the county has listed areas. */
export function draftToInput(d: ReportDraft): Omit<ReportInput, 'requestId'> {
  return {
    name: d.name.trim(),
    idNumber: d.idNumber.trim().toUpperCase(),
    phone: d.phone.trim(),
    itinerary: d.stops.map((s) => ({
      townCode: s.townCode,
      departDate: s.departDate,
      ...(s.riskAreas && s.riskAreas.length > 0 ? { riskAreaIds: s.riskAreaIds ?? [] } : {}),
    })),
    arrivalDate: d.arrivalDate,
    transport: (d.transport || 'other') as Transport,
    ...(d.transportNo.trim() ? { transportNo: d.transportNo.trim().toUpperCase() } : {}),
    itineraryStar: d.itineraryStar,
    destination: { villageCode: d.villageCode, address: d.address.trim() },
  };
}

export function draftProblems(d: ReportDraft, today: string, phoneOptional = false, maxAgeDays?: number): FieldProblem[] {
  const problems = reportProblems(draftToInput(d), today, { phoneOptional, ...(maxAgeDays ? { maxAgeDays } : {}) });
  if (!d.transport) problems.push({ field: 'transport', message: '请选择交通方式' });
  d.stops.forEach((s, i) => {
    if (s.townCode && s.riskAreasFailed) {
      problems.push({ field: `itinerary.${i}.riskAreaIds`, message: '未能查询该地的风险区域，请检查网络后重新选择该地点' });
    } else if (s.townCode && s.riskAreas === null) {
      problems.push({ field: `itinerary.${i}.riskAreaIds`, message: '正在查询该地风险区域，请稍候' });
    } else if (s.riskAreas?.length && s.riskAreaIds === null) {
      problems.push({ field: `itinerary.${i}.riskAreaIds`, message: '请选择停留过的风险区域，或选择“以上均未到过”' });
    }
  });
  return problems;
}

/**
 * A form left half-filled (back, a call, the app closed) is kept on the phone under its key and
 * offered again; a filed report clears it. Only the resident's own forms keep one.
 */
const DRAFT_PREFIX = 'saoma.reportDraft.';

function loadDraft(key: string): ReportDraft | null {
  try {
    const saved = Taro.getStorageSync(DRAFT_PREFIX + key) as ReportDraft | '' | undefined;
    if (!saved || !Array.isArray(saved.stops) || saved.stops.length === 0) return null;
    // Fresh keys: a kept stop must not share one with a stop added after it.
    return { ...saved, stops: saved.stops.map((st) => ({ ...st, key: ++stopKey })) };
  } catch {
    return null;
  }
}

function saveDraft(key: string, d: ReportDraft | null) {
  try {
    if (d) Taro.setStorageSync(DRAFT_PREFIX + key, d);
    else Taro.removeStorageSync(DRAFT_PREFIX + key);
  } catch {
    /* storage full or unavailable: nothing kept */
  }
}

/** Anything typed or picked, beyond what the page filled in itself. */
function hasInput(d: ReportDraft, initial: Partial<ReportDraft> | undefined): boolean {
  const plain = (x: ReportDraft) => JSON.stringify({ ...x, stops: x.stops.map(({ key: _k, ...st }) => st) });
  return plain(d) !== plain({ ...emptyDraft(), ...initial });
}

export type SubmitFn = (input: ReportInput) => Promise<ClientResult<{ report: ReportDetail; duplicate: boolean }>>;
/** The listed areas of a county; given the town picked, those naming it come first (marked `inTown`). */
/** What the form needs of the policy version in force. */
export interface FormRules {
  itineraryWindowDays: number;
  maxArrivalAgeDays: number;
}

export type RiskAreasFn = (countyCode: string, townCode?: string) => Promise<ClientResult<{ listDate: string | null; areas: RiskAreaOption[] }>>;

export function useReportForm(opts: {
  today: string;
  submit: SubmitFn;
  loadRiskAreas: RiskAreasFn;
  onSubmitted: (report: ReportDetail) => void;
  initial?: Partial<ReportDraft>;
  /** A family member's report: the phone may be left empty, as when the member was added. */
  phoneOptional?: boolean;
  /** The policy version in force's form rules (the built-in policy's until loaded). */
  rules?: FormRules;
  /** Keep what is typed on the phone under this key until the report is filed. */
  draftKey?: string;
}) {
  const { today, submit, loadRiskAreas, onSubmitted } = opts;
  const { draftKey } = opts;
  const [restored] = useState(() => (draftKey ? loadDraft(draftKey) : null));
  const [draft, setDraft] = useState<ReportDraft>(() => restored ?? { ...emptyDraft(), ...opts.initial });
  const initialRef = useRef(opts.initial);
  const filed = useRef(false);
  useEffect(() => {
    if (!draftKey || filed.current) return;
    const timer = setTimeout(() => {
      if (!filed.current) saveDraft(draftKey, hasInput(draft, initialRef.current) ? draft : null);
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, draftKey]);
  const discardDraft = useCallback(() => {
    if (draftKey) saveDraft(draftKey, null);
    setDraft({ ...emptyDraft(), ...initialRef.current });
  }, [draftKey]);
  // One id for this filled form: a double tap or a retry after a network error files one report.
  const [requestId] = useState(newRequestId);
  const [tried, setTried] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<ClientError | null>(null);
  // Counts refused submits (by the form or the server on a field): the form scrolls to the first error.
  const [refusals, setRefusals] = useState(0);
  // A ref, not state: two taps in the same frame both see the state from before the first one.
  const inFlight = useRef(false);

  const phoneOptional = opts.phoneOptional ?? false;
  const maxAgeDays = opts.rules?.maxArrivalAgeDays;
  const problems = useMemo(() => draftProblems(draft, today, phoneOptional, maxAgeDays), [draft, today, phoneOptional, maxAgeDays]);
  const errors = useMemo(() => {
    const map: Record<string, string> = {};
    if (tried) for (const p of problems) map[p.field] ??= p.message;
    if (serverError?.field) map[serverError.field] ??= serverError.message;
    return map;
  }, [problems, tried, serverError]);

  const set = useCallback(<K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  }, []);

  const setStop = useCallback((key: number, patch: Partial<StopDraft>) => {
    setDraft((d) => ({ ...d, stops: d.stops.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  }, []);

  const chooseTown = useCallback(
    async (key: number, town: Division) => {
      setStop(key, { townCode: town.code, townLabel: town.fullName, riskAreas: null, riskAreaIds: null, riskAreasFailed: false });
      const r = await loadRiskAreas(town.code.slice(0, 6), town.code);
      // On failure keep "unknown": the form refuses to submit until the areas can be asked about.
      setStop(key, r.ok ? { riskAreas: r.data.areas } : { riskAreas: null, riskAreasFailed: true });
    },
    [loadRiskAreas, setStop],
  );

  const addStop = useCallback(() => setDraft((d) => ({ ...d, stops: [...d.stops, emptyStop()] })), []);
  const removeStop = useCallback(
    (key: number) => setDraft((d) => ({ ...d, stops: d.stops.length > 1 ? d.stops.filter((s) => s.key !== key) : d.stops })),
    [],
  );

  const onSubmit = useCallback(async () => {
    if (inFlight.current) return;
    setTried(true);
    if (problems.length > 0) {
      setRefusals((n) => n + 1);
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setServerError(null);
    let done = false;
    try {
      const r = await submit({ requestId, ...draftToInput(draft) });
      done = r.ok;
      if (r.ok) {
        filed.current = true;
        if (draftKey) saveDraft(draftKey, null);
        onSubmitted(r.data.report);
      }
      else {
        setServerError(r.error);
        if (r.error.field) setRefusals((n) => n + 1);
      }
    } finally {
      // Stay locked once filed: the page is leaving and a late tap must not file again.
      if (!done) {
        inFlight.current = false;
        setSubmitting(false);
      }
    }
  }, [problems, submit, requestId, draft, onSubmitted, draftKey]);

  return { draft, set, setStop, chooseTown, addStop, removeStop, errors, problems, submitting, serverError, onSubmit, requestId, refusals, restored: restored !== null, discardDraft };
}
