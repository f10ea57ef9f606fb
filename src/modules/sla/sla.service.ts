import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { customerGroupExists, listCustomerGroups } from '../companies/companies.service.js';
import { customerGroups } from '../companies/companies.tables.js';
import * as time from './business-time.js';
import { calendarFor } from './sla.calendar.js';
import type { calendarDayBody, policyBody, policyPatch } from './sla.schema.js';
import { slaCalendar, slaCalendarDays, slaPolicies } from './sla.tables.js';

/** A transaction has the same type as the database handle. */
export type Tx = Db;

export const slaPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type SlaPriority = (typeof slaPriorities)[number];

/** Targets used when no policy row applies (someone deleted the default one): the seeded defaults. */
export const builtInTargets: Record<
  SlaPriority,
  { firstResponseMinutes: number; resolutionMinutes: number }
> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
};

const noWorkingTime = () =>
  new AppError('SLA_NO_WORKING_TIME', 'The support calendar has no working hours to count deadlines in');

function addMinutes(calendar: time.BusinessCalendar, start: Date, minutes: number): Date {
  try {
    return time.addBusinessMinutes(calendar, start, minutes);
  } catch (error) {
    if (error instanceof time.CalendarHasNoWorkingTime) throw noWorkingTime();
    throw error;
  }
}

/** The policy for (priority, group), else the one for everyone; null when neither exists. */
export async function policyFor(db: Db | Tx, priority: SlaPriority, customerGroupId: string | null) {
  const [row] = await db
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.priority, priority),
        customerGroupId
          ? or(eq(slaPolicies.customerGroupId, customerGroupId), isNull(slaPolicies.customerGroupId))
          : isNull(slaPolicies.customerGroupId),
      ),
    )
    .orderBy(sql`${slaPolicies.customerGroupId} is null`)
    .limit(1);
  return row ?? null;
}

/**
 * Deadlines for a new ticket: the policy for (priority, customer group) — falling back to the policy with no
 * group — counted in business time of the support calendar.
 */
export async function slaDeadlines(
  db: Db | Tx,
  input: { priority: SlaPriority; customerGroupId: string | null; start: Date },
): Promise<{ policyId: string | null; firstResponseDueAt: Date; resolutionDueAt: Date }> {
  const detail = await slaDeadlineDetails(db, input);
  return {
    policyId: detail.policyId,
    firstResponseDueAt: detail.firstResponseDueAt,
    resolutionDueAt: detail.resolutionDueAt,
  };
}

/** slaDeadlines with the targets and time zone it used (the back office's preview shows them). */
export async function slaDeadlineDetails(
  db: Db | Tx,
  input: { priority: SlaPriority; customerGroupId: string | null; start: Date },
) {
  const policy = await policyFor(db, input.priority, input.customerGroupId);
  const targets = policy ?? builtInTargets[input.priority];
  const calendar = await calendarFor(db);
  return {
    policyId: policy?.id ?? null,
    firstResponseMinutes: targets.firstResponseMinutes,
    resolutionMinutes: targets.resolutionMinutes,
    timeZone: calendar.timeZone,
    firstResponseDueAt: addMinutes(calendar, input.start, targets.firstResponseMinutes),
    resolutionDueAt: addMinutes(calendar, input.start, targets.resolutionMinutes),
  };
}

/** Business minutes elapsed between two instants (for reports: response time in business time). */
export async function businessMinutesBetween(db: Db | Tx, from: Date, to: Date): Promise<number> {
  return time.businessMinutesBetween(await calendarFor(db), from, to);
}

/** Stores the time zone and weekly hours (validated by the route's schema). */
export async function saveCalendar(tx: Tx, input: { timeZone: string; weeklyHours: time.WeeklyHours }) {
  await tx
    .insert(slaCalendar)
    .values({ id: 1, timeZone: input.timeZone, weeklyHours: input.weeklyHours })
    .onConflictDoUpdate({
      target: slaCalendar.id,
      set: { timeZone: input.timeZone, weeklyHours: input.weeklyHours, updatedAt: sql`now()` },
    });
}

type DayInput = z.output<typeof calendarDayBody>;
const presentDay = (d: typeof slaCalendarDays.$inferSelect) => ({
  date: d.date,
  kind: d.kind,
  name: d.name,
  hours: d.hours ?? null,
});

/** Holidays and transferred working days by date, of one year when given. */
export async function listCalendarDays(db: Db, year?: number) {
  const rows = await db
    .select()
    .from(slaCalendarDays)
    .where(
      year === undefined
        ? undefined
        : sql`${slaCalendarDays.date} >= ${`${year}-01-01`}::date and ${slaCalendarDays.date} < ${`${year + 1}-01-01`}::date`,
    )
    .orderBy(asc(slaCalendarDays.date));
  return rows.map(presentDay);
}

const dayValues = (d: DayInput) => ({
  date: d.date,
  kind: d.kind,
  name: d.name,
  hours: d.kind === 'workday' ? d.hours : null,
});

/** Adds one date; a date already in the calendar is a conflict (delete it first, or import to replace). */
export async function addCalendarDay(tx: Tx, input: DayInput) {
  const [row] = await tx.insert(slaCalendarDays).values(dayValues(input)).onConflictDoNothing().returning();
  if (!row)
    throw new AppError('CONFLICT', 'This date is already in the calendar', [
      { path: 'body.date', message: 'This date is already in the calendar' },
    ]);
  return presentDay(row);
}

/** Adds or replaces many dates at once (a production calendar for a year). */
export async function importCalendarDays(tx: Tx, days: DayInput[]): Promise<number> {
  const byDate = new Map(days.map((d) => [d.date, dayValues(d)]));
  await tx
    .insert(slaCalendarDays)
    .values([...byDate.values()])
    .onConflictDoUpdate({
      target: slaCalendarDays.date,
      set: { kind: sql`excluded.kind`, name: sql`excluded.name`, hours: sql`excluded.hours` },
    });
  return byDate.size;
}

/** Removes a date from the calendar; 404 when it was not there. */
export async function deleteCalendarDay(tx: Tx, date: string) {
  const [row] = await tx.delete(slaCalendarDays).where(eq(slaCalendarDays.date, date)).returning();
  if (!row) throw new AppError('NOT_FOUND', 'This date is not in the calendar');
  return presentDay(row);
}

const policyColumns = {
  id: slaPolicies.id,
  priority: slaPolicies.priority,
  customerGroupId: slaPolicies.customerGroupId,
  customerGroupName: customerGroups.name,
  firstResponseMinutes: slaPolicies.firstResponseMinutes,
  resolutionMinutes: slaPolicies.resolutionMinutes,
};
const priorityOrder = sql`array_position(array['urgent','high','normal','low']::text[], ${slaPolicies.priority})`;

/** Policies by priority (most urgent first), the one for everyone before the groups'. */
export async function listPolicies(db: Db) {
  return db
    .select(policyColumns)
    .from(slaPolicies)
    .leftJoin(customerGroups, eq(customerGroups.id, slaPolicies.customerGroupId))
    .orderBy(priorityOrder, sql`${slaPolicies.customerGroupId} is not null`, asc(customerGroups.name));
}

async function policyById(db: Db, id: string) {
  const [row] = await db
    .select(policyColumns)
    .from(slaPolicies)
    .leftJoin(customerGroups, eq(customerGroups.id, slaPolicies.customerGroupId))
    .where(eq(slaPolicies.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such SLA policy');
  return row;
}

/** Customer groups a policy can be for. */
export const policyGroups = (db: Db) => listCustomerGroups(db);

/** Creates the policy of a priority for a group (or for everyone); one per pair. */
export async function createPolicy(tx: Tx, input: z.output<typeof policyBody>) {
  if (input.customerGroupId && !(await customerGroupExists(tx, input.customerGroupId)))
    throw new AppError('VALIDATION_FAILED', 'No such customer group', [
      { path: 'body.customerGroupId', message: 'No such customer group' },
    ]);
  const id = uuidv7();
  const [row] = await tx
    .insert(slaPolicies)
    .values({ id, ...input })
    .onConflictDoNothing()
    .returning({ id: slaPolicies.id });
  if (!row)
    throw new AppError('CONFLICT', 'This priority already has a policy for this group', [
      { path: 'body.priority', message: 'This priority already has a policy for this group' },
    ]);
  return policyById(tx, id);
}

/** Changes a policy's targets; the result must still give the first response before resolution. */
export async function updatePolicy(tx: Tx, id: string, patch: z.output<typeof policyPatch>) {
  const current = await policyById(tx, id);
  const next = { ...current, ...patch };
  if (next.resolutionMinutes < next.firstResponseMinutes)
    throw new AppError('VALIDATION_FAILED', 'Resolution cannot be due before the first response', [
      { path: 'body.resolutionMinutes', message: 'Resolution cannot be due before the first response' },
    ]);
  await tx
    .update(slaPolicies)
    .set({
      firstResponseMinutes: next.firstResponseMinutes,
      resolutionMinutes: next.resolutionMinutes,
      updatedAt: sql`now()`,
    })
    .where(eq(slaPolicies.id, id));
  return policyById(tx, id);
}

/** Deletes a policy (tickets of that priority and group fall back to the policy for everyone). */
export async function deletePolicy(tx: Tx, id: string) {
  const current = await policyById(tx, id);
  await tx.delete(slaPolicies).where(eq(slaPolicies.id, id));
  return current;
}
