// The Bureau's publishing page (三(三)): upload → the draft and its name groups (paged, by status) →
// one decision per group → preview → confirmed publish → the job's progress; and the versions.
// Every call goes through here; the components only show and ask.
import { useCallback, useEffect, useState } from 'react';
import type { RiskDraftGroupView, RiskDraftView, RiskJobView, RiskPublishPreview, RiskVersionSummary } from '../../../types/api/risk';
import { callFunction } from '../../services/api';
import type { SearchPlaces } from '../components/CountyPicker';
import { pickAndUploadList, todayInShanghai, type PlaceOption } from '../lib/risk';
import { usePaged } from './usePaged';

export type GroupTab = RiskDraftGroupView['status'];
const JOB_POLL_MS = 1000;
const GROUPS_PAGE = 20;
const ROWS_PAGE = 50;
const VERSIONS_PAGE = 10;
const AREAS_PAGE = 50;

export function useRiskPublish() {
  const [date, setDate] = useState(todayInShanghai());
  const [cities, setCities] = useState('');
  const [draft, setDraft] = useState<RiskDraftView | null>(null);
  const [tab, setTab] = useState<GroupTab>('open');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RiskPublishPreview | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [job, setJob] = useState<RiskJobView | null>(null);
  const [shown, setShown] = useState<RiskVersionSummary | null>(null);

  const draftId = draft?.draftId ?? null;
  const groups = usePaged(
    draftId ? (cursor?: string) => callFunction('risk', { action: 'groups', draftId, status: tab, limit: GROUPS_PAGE, ...(cursor ? { cursor } : {}) }) : null,
    `${draftId ?? ''}:${tab}`,
  );
  const versions = usePaged((cursor?: string) => callFunction('risk', { action: 'versions', limit: VERSIONS_PAGE, ...(cursor ? { cursor } : {}) }), 'versions');

  // The newest draft of the chosen day, if any (a day with none simply shows the upload).
  useEffect(() => {
    let live = true;
    setDraft(null);
    void callFunction('risk', { action: 'draft', date }).then((r) => {
      if (!live) return;
      if (r.ok) setDraft(r.data.draft);
      else if (r.error.code !== 'NOT_FOUND') setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [date]);

  // A job still running when the page opens is followed too.
  useEffect(() => {
    void callFunction('risk', { action: 'job' }).then((r) => r.ok && r.data.job?.status === 'running' && setJob(r.data.job));
  }, []);

  const jobRunning = job?.status === 'running';
  const jobVersion = job?.versionId;
  useEffect(() => {
    if (!jobRunning || !jobVersion) return;
    const timer = setTimeout(() => {
      void callFunction('risk', { action: 'job', versionId: jobVersion }).then((r) => {
        if (!r.ok) {
          // A failed poll (the network, a cold function) is not the end of the job: ask again.
          setError(r.error.message);
          return setJob((j) => (j ? { ...j } : j));
        }
        setError(null);
        setJob(r.data.job);
        if (r.data.job?.status === 'done') finished();
      });
    }, JOB_POLL_MS);
    return () => clearTimeout(timer);
    // Polls again after each answer (job changes), not on every render.
  }, [job]); // eslint-disable-line react-hooks/exhaustive-deps

  /** The job is over: the draft now reads as published, and the versions list has it. */
  function finished() {
    versions.reload();
    void callFunction('risk', { action: 'draft', date }).then((d) => d.ok && setDraft(d.data.draft));
  }

  async function upload() {
    const picked = await pickAndUploadList();
    if (!picked) return;
    if (!picked.ok) return setError(picked.error.message);
    const confirmedCities = cities.split('\n').map((l) => l.trim()).filter(Boolean);
    setBusy(true);
    setError(null);
    const r = await callFunction('risk', {
      action: 'upload',
      date,
      fileId: picked.data.fileId,
      fileName: picked.data.name,
      ...(confirmedCities.length ? { confirmedCities } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDraft(r.data.draft);
    setTab(r.data.draft.counts.open > 0 ? 'open' : 'resolved');
  }

  /** A decision answers the new draft and, for a group, the group as it now is: shown in place. */
  async function decide(call: () => ReturnType<typeof callFunction<'risk', 'resolve'>>) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDraft(r.data.draft);
    const g = r.data.group;
    if (g) groups.update((x) => (x.id === g.id ? g : x));
    else groups.reload();
  }
  const resolveGroup = (group: string, place: PlaceOption) =>
    draftId && decide(() => callFunction('risk', { action: 'resolve', draftId, list: 'areas', target: group, code: place.code }));
  const excludeGroup = (group: string, reason: string) =>
    draftId && decide(() => callFunction('risk', { action: 'exclude', draftId, list: 'areas', target: group, reason }));
  const resolveCity = (row: number, place: PlaceOption) =>
    draftId && decide(() => callFunction('risk', { action: 'resolve', draftId, list: 'cities', target: String(row), code: place.code }));
  const excludeCity = (row: number, reason: string) =>
    draftId && decide(() => callFunction('risk', { action: 'exclude', draftId, list: 'cities', target: String(row), reason }));

  const loadRows = useCallback(
    (group: string) => (cursor?: string) =>
      callFunction('risk', { action: 'groupRows', draftId: draftId ?? '', group, limit: ROWS_PAGE, ...(cursor ? { cursor } : {}) }),
    [draftId],
  );

  /** Counties of the group's province (or anywhere, when the province is unknown) matching the typed text. */
  const searchFor = useCallback(
    (within: string | undefined, level: 'county' | 'city'): SearchPlaces =>
      async (q) => {
        const r = await callFunction('risk', { action: 'search', q: q.slice(0, 30), levels: [level], ...(within ? { within } : {}) });
        return r.ok ? r.data.places : [];
      },
    [],
  );

  async function openPreview() {
    if (!draftId) return;
    setBusy(true);
    setError(null);
    setPublishError(null);
    const r = await callFunction('risk', { action: 'preview', draftId });
    setBusy(false);
    if (r.ok) setPreview(r.data.preview);
    else setError(r.error.message);
  }

  async function publish(reason?: string) {
    if (!draftId) return;
    setBusy(true);
    setPublishError(null);
    const r = await callFunction('risk', { action: 'publish', draftId, confirm: true, ...(reason ? { reason } : {}) });
    setBusy(false);
    if (!r.ok) return setPublishError(r.error.message);
    setPreview(null);
    setJob(r.data.job);
    setDraft((d) => (d ? { ...d, status: 'publishing' } : d));
    // Locally the host may finish a small job within the call: nothing left to poll.
    if (r.data.job.status === 'done') finished();
    else versions.reload();
  }

  const loadVersionAreas = useCallback(
    (versionId: string) => (cursor?: string) => callFunction('risk', { action: 'versionAreas', versionId, limit: AREAS_PAGE, ...(cursor ? { cursor } : {}) }),
    [],
  );
  const loadVersionDiff = useCallback(
    (versionId: string) => (cursor?: string) => callFunction('risk', { action: 'versionDiff', versionId, limit: AREAS_PAGE, ...(cursor ? { cursor } : {}) }),
    [],
  );

  return {
    date,
    setDate,
    cities,
    setCities,
    draft,
    editable: draft?.status === 'draft' && !jobRunning,
    tab,
    setTab,
    groups,
    busy,
    error,
    upload,
    resolveGroup,
    excludeGroup,
    resolveCity,
    excludeCity,
    loadRows,
    searchFor,
    preview,
    publishError,
    openPreview,
    closePreview: () => setPreview(null),
    publish,
    job,
    versions,
    shown,
    show: (v: RiskVersionSummary) => setShown((s) => (s?.versionId === v.versionId ? null : v)),
    loadVersionAreas,
    loadVersionDiff,
  };
}
