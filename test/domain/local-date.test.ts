// isLocalDate accepts exactly the real calendar dates dayjs's strict parse accepted (it replaced it
// for speed): every day of 1899-2101 and of the years 0-200, each month's day 0 and days past its end.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { isLocalDate } from '../../domain/time';

dayjs.extend(customParseFormat);
const strict = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, 'YYYY-MM-DD', true).isValid();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

it('agrees with a strict dayjs parse on every candidate date of many years', () => {
  const years = [...Array.from({ length: 201 }, (_, i) => i), ...Array.from({ length: 203 }, (_, i) => 1899 + i), 9999];
  let accepted = 0;
  const disagreements: string[] = [];
  for (const y of years) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        if (isLocalDate(s) !== strict(s)) disagreements.push(s);
        if (isLocalDate(s)) accepted++;
      }
    }
  }
  expect(disagreements).toEqual([]);
  // 101 years (100-200) plus 203 plus 9999, each with its 365 or 366 days.
  expect(accepted).toBeGreaterThan(300 * 365);
});

it('refuses what is not written YYYY-MM-DD', () => {
  for (const s of ['2022-2-03', '2022-02-3', '22-02-03', '2022/02/03', '2022-02-03T00:00', ' 2022-02-03', '2022-02-03 ', '', '２０２２-02-03']) {
    expect([s, isLocalDate(s)]).toEqual([s, false]);
  }
  expect(isLocalDate('2024-02-29')).toBe(true);
  expect(isLocalDate('2023-02-29')).toBe(false);
  expect(isLocalDate('1900-02-29')).toBe(false);
  expect(isLocalDate('2000-02-29')).toBe(true);
});
