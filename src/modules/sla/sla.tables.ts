import { sql } from 'drizzle-orm';
import {
  check,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customerGroups } from '../companies/companies.tables.js';
import type { WeeklyHours, WorkInterval } from './business-time.js';

export const slaPriorityValues = ['low', 'normal', 'high', 'urgent'] as const;

/** The support calendar: one row (id 1) with the time zone and the weekly working hours (docs/sla.md). */
export const slaCalendar = pgTable(
  'sla_calendar',
  {
    id: integer('id').primaryKey().default(1),
    timeZone: text('time_zone').notNull().default('Europe/Moscow'),
    weeklyHours: jsonb('weekly_hours').$type<WeeklyHours>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sla_calendar_single_row', sql`${t.id} = 1`)],
);

export const slaDayKinds = ['holiday', 'workday'] as const;

/** A date that differs from the weekly hours: a holiday, or a transferred working day with its own hours. */
export const slaCalendarDays = pgTable(
  'sla_calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: slaDayKinds }).notNull(),
    name: text('name').notNull().default(''),
    hours: jsonb('hours').$type<WorkInterval[]>(),
  },
  (t) => [
    check('sla_calendar_days_kind', sql`${t.kind} in ('holiday', 'workday')`),
    check('sla_calendar_days_hours', sql`(${t.kind} = 'workday') = (${t.hours} is not null)`),
  ],
);

/**
 * Targets in business minutes for a priority, for one customer group or (group null) for everyone else.
 * One row per (priority, group); the partial index makes the null-group row unique too.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey(),
    priority: text('priority', { enum: slaPriorityValues }).notNull(),
    customerGroupId: uuid('customer_group_id').references(() => customerGroups.id, { onDelete: 'cascade' }),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_policies_priority_group_idx')
      .on(t.priority, t.customerGroupId)
      .where(sql`${t.customerGroupId} is not null`),
    uniqueIndex('sla_policies_priority_default_idx').on(t.priority).where(sql`${t.customerGroupId} is null`),
    check('sla_policies_priority', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
    check('sla_policies_positive', sql`${t.firstResponseMinutes} > 0 and ${t.resolutionMinutes} > 0`),
  ],
);
