// The account's persons: its own (once bound by a report) and the family members it added.
import { useCallback, useEffect, useState } from 'react';
import type { PersonView } from '../../types/model';
import { callFunction } from '../services/api';

export function useFamily(): { persons: PersonView[]; loaded: boolean; reload: () => Promise<void> } {
  const [persons, setPersons] = useState<PersonView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    const r = await callFunction('family', { action: 'list' });
    if (r.ok) setPersons(r.data.persons);
    setLoaded(true);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { persons, loaded, reload };
}
