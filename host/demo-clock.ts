// Local mode's clock: the real time, moved forward by whole days on request (POST /local/clock), so a
// demo or an end-to-end test can reach the end of a monitoring period. The host's requests and its
// scheduled jobs read the same clock.
import type { Clock } from '../domain/time';

export interface DemoClock extends Clock {
  offsetDays(): number;
  setOffsetDays(days: number): void;
}

export function demoClock(base: Clock): DemoClock {
  let offsetMs = 0;
  const clock = (() => new Date(base().getTime() + offsetMs)) as DemoClock;
  clock.offsetDays = () => offsetMs / 86_400_000;
  clock.setOffsetDays = (days) => {
    offsetMs = days * 86_400_000;
  };
  return clock;
}
