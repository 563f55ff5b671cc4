// Whether a new decision would loosen a person's current code (issue 13: a report filed for a person,
// by anyone, never loosens their code by itself). Looser is more than a colour: the same colour that
// falls due for conversion sooner, or a yellow that would open a movement window the current yellow
// does not, gives the person more than they have now.
import type { Decision } from '../../types/model';
import { isStricter } from '../policy';
import { conversionRule } from '../policy/conversion';
import type { Policy } from '../policy/types';
import { addDays } from '../time';

/** First day the decision may be converted; null = only by a staff decision (never by date). */
function dueDate(policy: Policy, d: Decision): string | null {
  if (d.code === 'green') return null;
  const rule = conversionRule(policy, { code: d.code, category: d.category });
  if (!rule?.due) return null;
  return addDays(rule.due.from === 'arrival' ? d.arrivalDate : d.since, rule.due.days);
}

export function loosens(policy: Policy, current: Decision, next: Decision): boolean {
  if (current.code !== next.code) return isStricter(current.code, next.code);
  if (current.code === 'green') return false;
  const a = dueDate(policy, current);
  const b = dueDate(policy, next);
  // A staff-decided conversion (null) is the strictest; otherwise an earlier date is looser.
  if (a === null ? b !== null : b !== null && b < a) return true;
  return current.code === 'yellow' && next.movementWindowEligible && !current.movementWindowEligible;
}
