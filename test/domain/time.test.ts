// The calendar helpers keep answers they computed (the engine asks the same ones thousands of times
// per batch): kept answers must be the answers, whatever order the questions come in.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { addDays, chineseDate, localDate } from '../../domain/time';

dayjs.extend(utc);
dayjs.extend(timezone);

describe('calendar helpers', () => {
  it('localDate gives each instant its own Asia/Shanghai date, however instants alternate', () => {
    const late = new Date('2022-11-30T15:59:59.999Z'); // 23:59:59 on 11-30 in Shanghai
    const early = new Date('2022-11-30T16:00:00.000Z'); // 00:00 on 12-01 in Shanghai
    for (let i = 0; i < 3; i++) {
      expect(localDate(late)).toBe('2022-11-30');
      expect(localDate(early)).toBe('2022-12-01');
      expect(localDate(early.toISOString())).toBe('2022-12-01');
      expect(localDate('2022-06-01')).toBe('2022-06-01');
    }
    expect(() => localDate('not a time')).toThrow(RangeError);
  });

  it('addDays agrees with dayjs across months, years and leap days, asked twice', () => {
    for (const [date, days] of [['2022-02-28', 1], ['2024-02-28', 1], ['2022-12-31', 1], ['2022-03-01', -1], ['2022-12-01', -28], ['2022-01-15', 400]] as const) {
      const want = dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
      expect(addDays(date, days)).toBe(want);
      expect(addDays(date, days)).toBe(want);
    }
  });

  it('chineseDate writes the date without leading zeros', () => {
    expect(chineseDate('2022-12-01')).toBe('2022年12月1日');
    expect(chineseDate('2022-04-09')).toBe('2022年4月9日');
  });
});
