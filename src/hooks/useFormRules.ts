// The report form's rules from the policy version in force: a version that changes the itinerary
// window or the age limit reaches the form without a new build. Until they arrive (or offline) the
// form keeps the built-in policy's, and the server checks the version in force either way.
import { useEffect, useState } from 'react';
import { callFunction } from '../services/api';
import type { FormRules } from './useReportForm';

export function useFormRules(): FormRules | undefined {
  const [rules, setRules] = useState<FormRules>();
  useEffect(() => {
    let live = true;
    void callFunction('division', { action: 'formRules' }).then((r) => {
      if (live && r.ok) setRules({ itineraryWindowDays: r.data.itineraryWindowDays, maxArrivalAgeDays: r.data.maxArrivalAgeDays });
    });
    return () => {
      live = false;
    };
  }, []);
  return rules;
}
