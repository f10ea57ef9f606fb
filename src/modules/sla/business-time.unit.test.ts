import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  CalendarHasNoWorkingTime,
  intervalProblems,
  type WeeklyHours,
} from './business-time.js';

const nine = [{ start: '09:00', end: '18:00' }];
const weekdays9to18: WeeklyHours = {
  mon: nine,
  tue: nine,
  wed: nine,
  thu: nine,
  fri: nine,
  sat: [],
  sun: [],
};
const calendar = (over: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  timeZone: 'Europe/Moscow',
  weekly: weekdays9to18,
  holidays: [],
  workdays: [],
  ...over,
});
const at = (iso: string) => new Date(iso);
const add = (c: BusinessCalendar, start: string, minutes: number) =>
  addBusinessMinutes(c, at(start), minutes).toISOString();

describe('addBusinessMinutes (Moscow, no DST)', () => {
  it('moves an hour asked for at Friday 17:30 to Monday 09:30', () => {
    expect(add(calendar(), '2026-03-13T17:30:00+03:00', 60)).toBe(
      at('2026-03-16T09:30:00+03:00').toISOString(),
    );
    expect(add(calendar(), '2026-03-13T17:30:00+03:00', 30)).toBe(
      at('2026-03-13T18:00:00+03:00').toISOString(),
    );
  });
  it('skips the New Year holidays', () => {
    const c = calendar({
      holidays: ['2026-12-31', ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => `2027-01-0${d}`)],
    });
    expect(add(c, '2026-12-30T17:00:00+03:00', 120)).toBe(at('2027-01-11T10:00:00+03:00').toISOString());
    expect(businessMinutesBetween(c, at('2026-12-30T17:00:00+03:00'), at('2027-01-11T10:00:00+03:00'))).toBe(
      120,
    );
  });
  it('starts counting at the next opening when created outside working hours', () => {
    expect(add(calendar(), '2026-03-14T12:00:00+03:00', 30)).toBe(
      at('2026-03-16T09:30:00+03:00').toISOString(),
    );
    expect(add(calendar(), '2026-03-17T07:00:00+03:00', 30)).toBe(
      at('2026-03-17T09:30:00+03:00').toISOString(),
    );
    expect(add(calendar(), '2026-03-17T19:00:00+03:00', 30)).toBe(
      at('2026-03-18T09:30:00+03:00').toISOString(),
    );
  });
  it('counts a transferred working Saturday with its own hours', () => {
    const c = calendar({ workdays: [{ date: '2026-03-14', hours: [{ start: '10:00', end: '15:00' }] }] });
    expect(add(c, '2026-03-13T17:30:00+03:00', 60)).toBe(at('2026-03-14T10:30:00+03:00').toISOString());
    expect(add(c, '2026-03-13T17:30:00+03:00', 30 + 300 + 15)).toBe(
      at('2026-03-16T09:15:00+03:00').toISOString(),
    );
  });
  it('honours several intervals a day (a lunch break)', () => {
    const split = [
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '18:00' },
    ];
    const c = calendar({ weekly: { ...weekdays9to18, tue: split } });
    expect(add(c, '2026-03-17T12:30:00+03:00', 60)).toBe(at('2026-03-17T14:30:00+03:00').toISOString());
  });
  it('gives the start itself for 0 minutes in working hours, and the next opening outside them', () => {
    expect(add(calendar(), '2026-03-17T11:00:00+03:00', 0)).toBe(
      at('2026-03-17T11:00:00+03:00').toISOString(),
    );
    expect(add(calendar(), '2026-03-13T18:00:00+03:00', 0)).toBe(
      at('2026-03-16T09:00:00+03:00').toISOString(),
    );
  });
  it('spans weeks and holidays for long resolution targets, and agrees with businessMinutesBetween', () => {
    // 100 hours from Monday 2 February: eleven 9-hour days end on 16 February, the last hour on the 17th.
    expect(add(calendar(), '2026-02-02T09:00:00+03:00', 6000)).toBe(
      at('2026-02-17T10:00:00+03:00').toISOString(),
    );
    const c = calendar({ holidays: ['2026-02-23', '2026-03-09'] });
    const start = at('2026-02-10T15:20:00+03:00');
    for (const minutes of [1, 539, 540, 2400, 9000, 20_000]) {
      const due = addBusinessMinutes(c, start, minutes);
      expect(businessMinutesBetween(c, start, due), String(minutes)).toBe(minutes);
    }
    // 40 hours from Friday 20 February: 9 that day, the 23rd is a holiday, then 27 more and 4 on Friday the 27th.
    expect(add(c, '2026-02-20T09:00:00+03:00', 40 * 60)).toBe(at('2026-02-27T13:00:00+03:00').toISOString());
  });
  it('refuses a calendar with no working time instead of looping', () => {
    const none = calendar({ weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(() => addBusinessMinutes(none, at('2026-03-13T12:00:00Z'), 60)).toThrow(CalendarHasNoWorkingTime);
  });
});

describe('a zone with daylight saving time (Berlin)', () => {
  const berlin = calendar({ timeZone: 'Europe/Berlin' });
  it('keeps local opening hours across the spring change', () => {
    // Friday 27 March 2026 is CET (+01), Monday 30 March is CEST (+02).
    expect(add(berlin, '2026-03-27T17:30:00+01:00', 60)).toBe(at('2026-03-30T09:30:00+02:00').toISOString());
    expect(
      businessMinutesBetween(berlin, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T18:00:00+02:00')),
    ).toBe(1080);
  });
  it('counts a 23-hour and a 25-hour day as they are', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const c = calendar({ timeZone: 'Europe/Berlin', weekly: { ...weekdays9to18, sun: allDay } });
    expect(businessMinutesBetween(c, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(
      23 * 60,
    );
    expect(businessMinutesBetween(c, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(
      25 * 60,
    );
  });
  it('is the same instant arithmetic whatever the server zone (Moscow hours are Moscow hours)', () => {
    expect(add(calendar(), '2026-03-13T06:00:00Z', 60)).toBe('2026-03-13T07:00:00.000Z');
  });
});

describe('businessMinutesBetween', () => {
  it('counts only working time, and 0 backwards', () => {
    expect(
      businessMinutesBetween(calendar(), at('2026-03-13T17:30:00+03:00'), at('2026-03-16T09:30:00+03:00')),
    ).toBe(60);
    expect(
      businessMinutesBetween(calendar(), at('2026-03-16T09:30:00+03:00'), at('2026-03-13T17:30:00+03:00')),
    ).toBe(0);
  });
});

describe('intervalProblems', () => {
  it('finds bad times, reversed and overlapping intervals', () => {
    expect(intervalProblems([{ start: '09:00', end: '18:00' }])).toEqual([]);
    expect(intervalProblems([{ start: '9:00', end: '18:00' }])).toHaveLength(1);
    expect(intervalProblems([{ start: '18:00', end: '09:00' }])).toEqual([
      'interval 1: end must be after start',
    ]);
    expect(
      intervalProblems([
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '18:00' },
      ]),
    ).toEqual(['intervals overlap']);
    expect(intervalProblems([{ start: '24:00', end: '24:00' }])).toHaveLength(1);
  });
});
