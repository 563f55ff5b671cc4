// The checkpoint's flow: verify a person (token or ID number), then tick the three checks.
import { useState } from 'react';
import type { CheckpointOutputs, CheckpointVerdict } from '../../../types/api/checkpoint';
import { callFunction, type ClientError } from '../../services/api';

export interface Checks {
  citiesFilled: boolean;
  returnDateToday: boolean;
  destinationAccurate: boolean;
  note: string;
}

export const ALL_RIGHT: Checks = { citiesFilled: true, returnDateToday: true, destinationAccurate: true, note: '' };

/** A 18-character entry with a checksum-shaped tail is an ID number; anything else is a token. */
export const looksLikeIdNumber = (s: string) => /^\d{17}[\dXx]$/.test(s.trim());

export function useCheckpoint() {
  const [verdict, setVerdict] = useState<CheckpointVerdict | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<CheckpointOutputs['checks'] | null>(null);

  async function verify(scanned: string) {
    if (busy || !scanned.trim()) return;
    setBusy(true);
    setError(null);
    setChecked(null);
    const input = looksLikeIdNumber(scanned) ? { idNumber: scanned.trim().toUpperCase() } : { token: scanned.trim() };
    const r = await callFunction('checkpoint', { action: 'verify', ...input });
    setBusy(false);
    if (r.ok) setVerdict(r.data);
    else {
      setVerdict(null);
      setError(r.error);
    }
  }

  async function submitChecks(checks: Checks) {
    if (!verdict?.report || busy) return;
    setBusy(true);
    setError(null);
    const { note, ...ticks } = checks;
    const r = await callFunction('checkpoint', {
      action: 'checks',
      checkId: verdict.checkId,
      reportId: verdict.report.id,
      ...ticks,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) setChecked(r.data);
    else setError(r.error);
  }

  return { verdict, error, busy, checked, verify, submitChecks };
}
