// isLocalDate accepts exactly the real calendar dates dayjs's strict parse accepted (it replaced it
// for speed): every day of 1899-2101 and of the years 0-200, each month's day 0 and days past its end.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { isLocalDate, localDate } from '../../domain/time';

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

describe('localDate', () => {
  const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

  it("gives the formatter's Asia/Shanghai date for instants in any order, across summer times and midnights", () => {
    const instants: number[] = [];
    // Every 7 minutes over the 1986-1991 summer times and over 2022, each midnight ± 1 ms, and a spread of 1890-2100.
    for (let t = Date.UTC(1986, 3, 1); t < Date.UTC(1991, 10, 1); t += 7 * 60_000 * 13) instants.push(t);
    for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2023, 0, 1); t += 7 * 60_000) instants.push(t);
    for (let d = Date.UTC(2022, 3, 1, 16); d < Date.UTC(2022, 4, 1); d += 86_400_000) instants.push(d - 1, d, d + 1);
    for (let i = 0; i < 5000; i++) instants.push(Date.UTC(1890, 0, 1) + Math.floor(((i * 7919) % 5000) / 5000 * (Date.UTC(2100, 0, 1) - Date.UTC(1890, 0, 1))));
    const wrong = instants.filter((t) => localDate(new Date(t)) !== zone.format(t) || localDate(new Date(t).toISOString()) !== zone.format(t));
    expect(wrong.map((t) => new Date(t).toISOString())).toEqual([]);
    expect(instants.length).toBeGreaterThan(80_000);
  });

  it('passes a date through and refuses an invalid instant as before', () => {
    expect(localDate('2022-04-16')).toBe('2022-04-16');
    expect(localDate('2022-04-15T16:00:00.000Z')).toBe('2022-04-16');
    expect(localDate('2022-04-15T15:59:59.999Z')).toBe('2022-04-15');
    expect(() => localDate(new Date(NaN))).toThrow(RangeError);
    expect(() => localDate('not a time')).toThrow(RangeError);
  });
});
