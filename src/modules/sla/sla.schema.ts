import { z } from 'zod';
import { hasWeeklyWorkingTime, intervalProblems, isTimeZone, weekdays } from './business-time.js';
import { slaDayKinds, slaPriorityValues } from './sla.tables.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time HH:MM');
export const intervalSchema = z.object({ start: time, end: time }).meta({ id: 'SlaInterval' });

/** One day's working intervals: each ends after it starts, and none overlap. */
export const dayHoursSchema = z
  .array(intervalSchema)
  .max(8)
  .superRefine((intervals, ctx) => {
    for (const message of intervalProblems(intervals)) ctx.addIssue({ code: 'custom', message });
  });

export const weeklyHoursSchema = z.object(
  Object.fromEntries(weekdays.map((d) => [d, dayHoursSchema])) as Record<
    (typeof weekdays)[number],
    typeof dayHoursSchema
  >,
);

export const calendarSchema = z
  .object({
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, 'An IANA time zone such as Europe/Moscow')
      .default('Europe/Moscow'),
    weeklyHours: weeklyHoursSchema.refine(
      hasWeeklyWorkingTime,
      'The week needs working hours on at least one day, or nothing would ever be due',
    ),
  })
  .meta({ id: 'SlaCalendar' });

const isoDate = z.iso.date();

/** A holiday, or a transferred working day with its hours. */
export const calendarDayBody = z
  .object({
    date: isoDate,
    kind: z.enum(slaDayKinds).default('holiday'),
    name: z.string().trim().max(200).default(''),
    hours: dayHoursSchema.nullable().default(null),
  })
  .superRefine((day, ctx) => {
    if (day.kind === 'workday' && !day.hours?.length)
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'A working day needs its hours' });
    if (day.kind === 'holiday' && day.hours?.length)
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'A holiday has no hours' });
  });
export const calendarDaySchema = z
  .object({
    date: z.string(),
    kind: z.enum(slaDayKinds),
    name: z.string(),
    hours: z.array(intervalSchema).nullable(),
  })
  .meta({ id: 'SlaCalendarDay' });
export const calendarDayList = z.object({ items: z.array(calendarDaySchema) });
export const calendarDayListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const calendarDayParams = z.object({ date: isoDate });
/** A bulk import: dates replace what was there for the same date. */
export const calendarImportBody = z.object({ days: z.array(calendarDayBody).min(1).max(400) });

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 366);
export const priorityEnum = z.enum(slaPriorityValues);
export const policyBody = z
  .object({
    priority: priorityEnum,
    customerGroupId: z.uuid().nullable().default(null),
    firstResponseMinutes: minutes,
    resolutionMinutes: minutes,
  })
  .refine((p) => p.resolutionMinutes >= p.firstResponseMinutes, {
    path: ['resolutionMinutes'],
    message: 'Resolution cannot be due before the first response',
  });
export const policyPatch = z.object({
  firstResponseMinutes: minutes.optional(),
  resolutionMinutes: minutes.optional(),
});
export const policyParams = z.object({ id: z.uuid() });
export const policySchema = z
  .object({
    id: z.string(),
    priority: priorityEnum,
    customerGroupId: z.string().nullable(),
    customerGroupName: z.string().nullable(),
    firstResponseMinutes: z.number(),
    resolutionMinutes: z.number(),
  })
  .meta({ id: 'SlaPolicy' });
export const policyList = z.object({ items: z.array(policySchema) });
export const groupList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

export const previewQuery = z.object({
  priority: priorityEnum,
  customerGroupId: z.uuid().optional(),
  start: z.iso.datetime({ offset: true }).optional(),
});
export const previewSchema = z
  .object({
    policyId: z.string().nullable(),
    start: z.iso.datetime(),
    firstResponseMinutes: z.number(),
    resolutionMinutes: z.number(),
    firstResponseDueAt: z.iso.datetime(),
    resolutionDueAt: z.iso.datetime(),
    timeZone: z.string(),
  })
  .meta({ id: 'SlaPreview' });
