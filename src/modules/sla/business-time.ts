/**
 * Business-time arithmetic over a support calendar (docs/sla.md): pure functions, no database. A calendar is
 * a time zone, working intervals per weekday, holidays and transferred working days. Wall-clock hours are
 * turned into instants through Intl, so a zone with daylight saving time counts the hours people actually work.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A working interval of one day in local wall-clock time, 'HH:MM' (end may be '24:00'). */
export interface WorkInterval {
  start: string;
  end: string;
}

export type WeeklyHours = Record<Weekday, WorkInterval[]>;

export interface BusinessCalendar {
  /** IANA time zone the hours are in. */
  timeZone: string;
  weekly: WeeklyHours;
  /** Non-working dates, 'YYYY-MM-DD' in the calendar's zone. */
  holidays: readonly string[];
  /** Transferred working days (a working Saturday) with their hours. */
  workdays: readonly { date: string; hours: WorkInterval[] }[];
}

/** The calendar has no working time to count in (nothing would ever be due). */
export class CalendarHasNoWorkingTime extends Error {
  override name = 'CalendarHasNoWorkingTime';
}

export const defaultTimeZone = 'Europe/Moscow';

/** How far to look for the next working minute before deciding the calendar has none (about three years). */
const maxIdleDays = 366 * 3;
const minuteMs = 60_000;

/** Minutes since midnight of 'HH:MM' ('24:00' is 1440); NaN when it is not a time of day. */
export function minutesOf(time: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!m) return Number.NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : Number.NaN;
}

/** Problems of one day's intervals (bad time, end not after start, overlap), as messages; empty when fine. */
export function intervalProblems(intervals: readonly WorkInterval[]): string[] {
  const problems: string[] = [];
  const parsed = intervals.map((i) => [minutesOf(i.start), minutesOf(i.end)] as const);
  parsed.forEach(([s, e], n) => {
    if (Number.isNaN(s) || s >= 1440) problems.push(`interval ${n + 1}: start is not a time HH:MM`);
    else if (Number.isNaN(e)) problems.push(`interval ${n + 1}: end is not a time HH:MM`);
    else if (e <= s) problems.push(`interval ${n + 1}: end must be after start`);
  });
  if (problems.length) return problems;
  const sorted = [...parsed].sort((a, b) => a[0] - b[0]);
  for (let n = 1; n < sorted.length; n++) {
    if ((sorted[n]?.[0] ?? 0) < (sorted[n - 1]?.[1] ?? 0)) problems.push('intervals overlap');
  }
  return problems;
}

/** Whether Intl knows the zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a week has any working time; a calendar without it is refused when saved. */
export function hasWeeklyWorkingTime(weekly: WeeklyHours): boolean {
  return weekdays.some((d) => weekly[d].length > 0);
}

// Building an Intl formatter costs more than using it: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  /** Wall-clock milliseconds since the local midnight. */
  ms: number;
}

function localParts(instant: number, zone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const ms = ((parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)) * 1000;
  return {
    y: parts.year ?? 0,
    m: parts.month ?? 0,
    d: parts.day ?? 0,
    ms: ms + (((instant % 1000) + 1000) % 1000),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const p = localParts(instant, zone);
  return Date.UTC(p.y, p.m - 1, p.d) + p.ms - instant;
}

/**
 * The instant a local wall-clock time happens. A time skipped by a DST change resolves to the instant as
 * counted with the offset before the change (the clock jumps past it), a repeated one to its first occurrence.
 */
function instantOf(day: number, minutes: number, zone: string): number {
  const wall = day + minutes * minuteMs;
  const before = wall - offsetAt(wall - dayMs, zone);
  const after = wall - offsetAt(wall + dayMs, zone);
  const real = [before, after].filter((t) => t + offsetAt(t, zone) === wall);
  return real.length ? Math.min(...real) : before;
}

/** 'YYYY-MM-DD' of a UTC-midnight day number. */
const isoOf = (day: number) => new Date(day).toISOString().slice(0, 10);
const dayMs = 86_400_000;

interface Compiled {
  zone: string;
  weekly: number[][][];
  holidays: Set<string>;
  workdays: Map<string, number[][]>;
  /** The last override date, after which only the weekly hours matter. */
  lastOverride: string;
}

const toMinutes = (intervals: readonly WorkInterval[]) =>
  intervals
    .map((i) => [minutesOf(i.start), minutesOf(i.end)])
    .filter(([s, e]) => (s ?? 0) < (e ?? 0))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();
function compile(calendar: BusinessCalendar): Compiled {
  let c = compiledCache.get(calendar);
  if (!c) {
    const workdays = new Map(calendar.workdays.map((w) => [w.date, toMinutes(w.hours)]));
    const dates = [...calendar.holidays, ...workdays.keys()].sort();
    c = {
      zone: calendar.timeZone || defaultTimeZone,
      // Date.getUTCDay() numbers Sunday 0; the weekly hours start on Monday.
      weekly: [6, 0, 1, 2, 3, 4, 5].map((i) => toMinutes(calendar.weekly[weekdays[i] as Weekday] ?? [])),
      holidays: new Set(calendar.holidays),
      workdays,
      lastOverride: dates[dates.length - 1] ?? '',
    };
    compiledCache.set(calendar, c);
  }
  return c;
}

/** The working intervals of one local day (UTC-midnight day number) as instants [start, end). */
function workingSpans(c: Compiled, day: number): [number, number][] {
  const iso = isoOf(day);
  const minutes = c.holidays.has(iso)
    ? []
    : (c.workdays.get(iso) ?? c.weekly[new Date(day).getUTCDay()] ?? []);
  return minutes.map(([s, e]) => [instantOf(day, s ?? 0, c.zone), instantOf(day, e ?? 0, c.zone)]);
}

const localDayOf = (instant: number, zone: string) => {
  const p = localParts(instant, zone);
  return Date.UTC(p.y, p.m - 1, p.d);
};

/**
 * The instant `minutes` business minutes after `start`. Counting starts at the next opening when `start` is
 * outside working hours, so 0 minutes gives that opening (or `start` itself during working hours).
 * Throws CalendarHasNoWorkingTime when no working minute is found for about three years.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  const c = compile(calendar);
  let remaining = Math.max(0, minutes) * minuteMs;
  const from = start.getTime();
  let day = localDayOf(from, c.zone);
  let idle = 0;
  for (;;) {
    let worked = false;
    for (const [s, e] of workingSpans(c, day)) {
      const begin = Math.max(s, from);
      if (begin >= e) continue;
      worked = true;
      if (remaining <= e - begin) return new Date(begin + remaining);
      remaining -= e - begin;
    }
    idle = worked ? 0 : idle + 1;
    if (idle > maxIdleDays && isoOf(day) > c.lastOverride) {
      throw new CalendarHasNoWorkingTime('The support calendar has no working hours');
    }
    day += dayMs;
  }
}

/** Whole business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const c = compile(calendar);
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  const last = localDayOf(b, c.zone);
  for (let day = localDayOf(a, c.zone); day <= last; day += dayMs) {
    for (const [s, e] of workingSpans(c, day)) {
      const overlap = Math.min(e, b) - Math.max(s, a);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.floor(total / minuteMs);
}
