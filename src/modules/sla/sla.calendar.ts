import { asc } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../server/core/db.js';
import { type BusinessCalendar, defaultTimeZone, type WeeklyHours } from './business-time.js';
import { weeklyHoursSchema } from './sla.schema.js';
import { slaCalendar, slaCalendarDays } from './sla.tables.js';

const nineToSix = [{ start: '09:00', end: '18:00' }];
/** Monday to Friday, 09:00–18:00: what a missing or damaged calendar row means. */
export const defaultWeeklyHours: WeeklyHours = {
  mon: nineToSix,
  tue: nineToSix,
  wed: nineToSix,
  thu: nineToSix,
  fri: nineToSix,
  sat: [],
  sun: [],
};

/** The support calendar as stored (time zone and weekly hours), with the defaults when there is no row. */
export async function readCalendarSettings(db: Db): Promise<{ timeZone: string; weeklyHours: WeeklyHours }> {
  const [row] = await db.select().from(slaCalendar).limit(1);
  const weekly = weeklyHoursSchema.safeParse(row?.weeklyHours);
  return {
    timeZone: row?.timeZone ?? defaultTimeZone,
    weeklyHours: weekly.success ? weekly.data : defaultWeeklyHours,
  };
}

/** The whole calendar from the database: the table of dates holds a few dozen rows a year. */
export async function loadCalendar(db: Db): Promise<BusinessCalendar> {
  const settings = await readCalendarSettings(db);
  const days = await db.select().from(slaCalendarDays).orderBy(asc(slaCalendarDays.date));
  return {
    timeZone: settings.timeZone,
    weekly: settings.weeklyHours,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => ({ date: d.date, hours: d.hours ?? [] })),
  };
}

/**
 * How long this process reuses the calendar it read. Writes here drop it at once; another process's write is
 * seen after at most this long (the calendar changes a few times a year).
 */
const cacheMs = 30_000;
const cached = new WeakMap<object, { at: number; calendar: Promise<BusinessCalendar> }>();

const isTransaction = (db: Db): boolean => (db as unknown) instanceof PgTransaction;

/**
 * The calendar for a computation. A transaction always reads the tables (project rule: never a cache inside a
 * transaction, which may itself have just changed the calendar); the root handle reuses a recent read.
 */
export function calendarFor(db: Db): Promise<BusinessCalendar> {
  if (isTransaction(db)) return loadCalendar(db);
  const hit = cached.get(db);
  if (hit && Date.now() - hit.at < cacheMs) return hit.calendar;
  const calendar = loadCalendar(db);
  cached.set(db, { at: Date.now(), calendar });
  calendar.catch(() => cached.delete(db));
  return calendar;
}

/** Drops this process's cached calendar (after a change has committed). */
export function forgetCalendar(db: Db): void {
  cached.delete(db);
}
