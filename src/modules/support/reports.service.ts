import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { queryRows } from '../../server/core/db.js';
import { businessDay } from '../../shared/business-day.js';
import { activeTicketStatuses, csatMax, csatMin } from '../../shared/support.js';
import { peopleByIds } from '../people/people.service.js';
import { supportQueues, supportTopics } from './support.tables.js';

/** Days are the business's calendar days (Moscow), like every date the portal shows. */
const zone = 'Europe/Moscow';
export const maxReportDays = 366;
const dayMs = 86_400_000;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

export const reportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    queueId: z.uuid().optional(),
    topicId: z.uuid().optional(),
    lang: z.enum(['ru', 'en']).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the period is before its start' });
    if (q.from && q.to && daysBetween(q.from, q.to) + 1 > maxReportDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The period is longer than ${maxReportDays} days`,
      });
  });
export type ReportQuery = z.infer<typeof reportQuery>;

export interface ReportFilter {
  from: string;
  to: string;
  queueId?: string | undefined;
  topicId?: string | undefined;
}

/**
 * The period asked for; by default the last 30 days up to today. With one end given, the other is 30 days
 * away from it; a period longer than the limit is cut (the explicit two-ended case is refused by the schema).
 */
export function reportFilter(q: ReportQuery, today: string = businessDay()): ReportFilter {
  const to = q.to ?? (q.from ? addDays(q.from, 29) : today);
  const from = q.from ?? addDays(to, -29);
  return { from, to, queueId: q.queueId, topicId: q.topicId };
}

export interface TimingFigures {
  /** Requests with the time known (answered / resolved). */
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Requests whose SLA outcome is decided: done, or still open past the target. */
  measured: number;
  withinSla: number;
  /** withinSla / measured; null without measured requests. */
  withinSlaShare: number | null;
}

export interface SupportReport {
  period: { from: string; to: string };
  totals: {
    created: number;
    resolved: number;
    openNow: number;
    firstResponseBreached: number;
    resolutionBreached: number;
  };
  byDay: { date: string; created: number; resolved: number }[];
  byTopic: {
    topicId: string | null;
    nameRu: string | null;
    nameEn: string | null;
    created: number;
    resolved: number;
    medianFirstResponseMinutes: number | null;
    csatAverage: number | null;
  }[];
  firstResponse: TimingFigures;
  resolution: TimingFigures;
  csat: {
    average: number | null;
    count: number;
    distribution: { rating: number; count: number }[];
    /** Ratings 4–5 / all ratings; null without ratings. */
    satisfiedShare: number | null;
  };
  operators: {
    operatorId: string;
    name: string;
    assigned: number;
    responded: number;
    resolved: number;
    medianFirstResponseMinutes: number | null;
    csatAverage: number | null;
    csatCount: number;
  }[];
}

const round = (v: number | string | null | undefined, digits = 1) => {
  if (v === null || v === undefined) return null;
  const f = 10 ** digits;
  return Math.round(Number(v) * f) / f;
};
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

/** Start of a business day as an instant. */
const dayStart = (day: string) => sql`((${day}::date)::timestamp at time zone ${zone})`;

/** Requests created in the period (merged duplicates left out), in the queue and topic asked for. */
function cohort(f: ReportFilter): SQL {
  return sql`t.created_at >= ${dayStart(f.from)} and t.created_at < ${dayStart(addDays(f.to, 1))}
    and t.status <> 'merged' ${scope(f)}`;
}
function scope(f: ReportFilter): SQL {
  return sql`${f.queueId ? sql`and t.queue_id = ${f.queueId}::uuid` : sql``}
    ${f.topicId ? sql`and t.topic_id = ${f.topicId}::uuid` : sql``}`;
}

// Wall-clock minutes: one SQL pass over the period; the SLA module's business minutes would need a call per request.
const firstResponseMinutes = sql`extract(epoch from (t.first_responded_at - t.created_at)) / 60`;
const resolutionMinutes = sql`extract(epoch from (t.resolved_at - t.created_at)) / 60`;
const active = sql.raw(activeTicketStatuses.map((s) => `'${s}'`).join(', '));

async function totals(db: Db, f: ReportFilter) {
  const [row] = await queryRows<{
    created: number;
    resolved: number;
    open_now: number;
    first_breached: number;
    resolution_breached: number;
  }>(
    db,
    sql`select count(*)::int as created,
          count(*) filter (where t.resolved_at is not null)::int as resolved,
          count(*) filter (where t.first_response_due_at is not null
            and coalesce(t.first_responded_at, now()) > t.first_response_due_at)::int as first_breached,
          count(*) filter (where t.resolution_due_at is not null
            and coalesce(t.resolved_at, now()) > t.resolution_due_at)::int as resolution_breached,
          (select count(*)::int from tickets t where t.status in (${active}) ${scope(f)}) as open_now
        from tickets t where ${cohort(f)}`,
  );
  return {
    created: row?.created ?? 0,
    resolved: row?.resolved ?? 0,
    openNow: row?.open_now ?? 0,
    firstResponseBreached: row?.first_breached ?? 0,
    resolutionBreached: row?.resolution_breached ?? 0,
  };
}

async function byDay(db: Db, f: ReportFilter) {
  return queryRows<{ date: string; created: number; resolved: number }>(
    db,
    sql`select to_char(d, 'YYYY-MM-DD') as date, coalesce(c.created, 0)::int as created,
          coalesce(c.resolved, 0)::int as resolved
        from generate_series(${f.from}::date, ${f.to}::date, interval '1 day') d
        left join (
          select (t.created_at at time zone ${zone})::date as day, count(*) as created,
            count(*) filter (where t.resolved_at is not null) as resolved
          from tickets t where ${cohort(f)} group by 1
        ) c on c.day = d::date
        order by d`,
  );
}

async function byTopic(db: Db, f: ReportFilter) {
  const rows = await queryRows<{
    topic_id: string | null;
    name_ru: string | null;
    name_en: string | null;
    created: number;
    resolved: number;
    median_fr: number | null;
    csat: number | null;
  }>(
    db,
    sql`select t.topic_id, st.name_ru, st.name_en, count(*)::int as created,
          count(*) filter (where t.resolved_at is not null)::int as resolved,
          percentile_cont(0.5) within group (order by ${firstResponseMinutes}) as median_fr,
          avg(t.csat_rating)::float8 as csat
        from tickets t left join support_topics st on st.id = t.topic_id
        where ${cohort(f)}
        group by t.topic_id, st.name_ru, st.name_en
        order by created desc, st.name_ru nulls last`,
  );
  return rows.map((r) => ({
    topicId: r.topic_id,
    nameRu: r.name_ru,
    nameEn: r.name_en,
    created: r.created,
    resolved: r.resolved,
    medianFirstResponseMinutes: round(r.median_fr),
    csatAverage: round(r.csat, 2),
  }));
}

async function timings(db: Db, f: ReportFilter) {
  const [r] = await queryRows<Record<string, number | null>>(
    db,
    sql`select count(t.first_responded_at)::int as fr_count,
          percentile_cont(0.5) within group (order by ${firstResponseMinutes}) as fr_median,
          percentile_cont(0.9) within group (order by ${firstResponseMinutes}) as fr_p90,
          count(*) filter (where t.first_response_due_at is not null
            and (t.first_responded_at is not null or t.first_response_due_at < now()))::int as fr_measured,
          count(*) filter (where t.first_responded_at <= t.first_response_due_at)::int as fr_within,
          count(t.resolved_at)::int as rs_count,
          percentile_cont(0.5) within group (order by ${resolutionMinutes}) as rs_median,
          percentile_cont(0.9) within group (order by ${resolutionMinutes}) as rs_p90,
          count(*) filter (where t.resolution_due_at is not null
            and (t.resolved_at is not null or t.resolution_due_at < now()))::int as rs_measured,
          count(*) filter (where t.resolved_at <= t.resolution_due_at)::int as rs_within
        from tickets t where ${cohort(f)}`,
  );
  const of = (p: 'fr' | 'rs'): TimingFigures => {
    const measured = Number(r?.[`${p}_measured`] ?? 0);
    const within = Number(r?.[`${p}_within`] ?? 0);
    return {
      count: Number(r?.[`${p}_count`] ?? 0),
      medianMinutes: round(r?.[`${p}_median`]),
      p90Minutes: round(r?.[`${p}_p90`]),
      measured,
      withinSla: within,
      withinSlaShare: share(within, measured),
    };
  };
  return { firstResponse: of('fr'), resolution: of('rs') };
}

async function csat(db: Db, f: ReportFilter) {
  const rows = await queryRows<{ rating: number; count: number }>(
    db,
    sql`select t.csat_rating::int as rating, count(*)::int as count from tickets t
        where ${cohort(f)} and t.csat_rating is not null group by 1`,
  );
  const counts = new Map(rows.map((r) => [r.rating, r.count]));
  const distribution = [];
  for (let rating = csatMin; rating <= csatMax; rating++)
    distribution.push({ rating, count: counts.get(rating) ?? 0 });
  const count = distribution.reduce((s, d) => s + d.count, 0);
  const sum = distribution.reduce((s, d) => s + d.rating * d.count, 0);
  const satisfied = distribution.filter((d) => d.rating >= 4).reduce((s, d) => s + d.count, 0);
  return {
    average: count > 0 ? round(sum / count, 2) : null,
    count,
    distribution,
    satisfiedShare: share(satisfied, count),
  };
}

async function operators(db: Db, f: ReportFilter) {
  const rows = await queryRows<{
    assignee_id: string;
    assigned: number;
    responded: number;
    resolved: number;
    median_fr: number | null;
    csat: number | null;
    csat_count: number;
  }>(
    db,
    sql`select t.assignee_id, count(*)::int as assigned, count(t.first_responded_at)::int as responded,
          count(t.resolved_at)::int as resolved,
          percentile_cont(0.5) within group (order by ${firstResponseMinutes}) as median_fr,
          avg(t.csat_rating)::float8 as csat, count(t.csat_rating)::int as csat_count
        from tickets t where ${cohort(f)} and t.assignee_id is not null
        group by t.assignee_id order by assigned desc, t.assignee_id`,
  );
  const names = await peopleByIds(
    db,
    rows.map((r) => r.assignee_id),
  );
  return rows.map((r) => ({
    operatorId: r.assignee_id,
    name: names.get(r.assignee_id)?.name ?? r.assignee_id,
    assigned: r.assigned,
    responded: r.responded,
    resolved: r.resolved,
    medianFirstResponseMinutes: round(r.median_fr),
    csatAverage: round(r.csat, 2),
    csatCount: r.csat_count,
  }));
}

/** The support report of a period (docs/support-reports.md): one query per section, run side by side. */
export async function supportReport(db: Db, f: ReportFilter): Promise<SupportReport> {
  const [t, days, topics, time, rating, ops] = await Promise.all([
    totals(db, f),
    byDay(db, f),
    byTopic(db, f),
    timings(db, f),
    csat(db, f),
    operators(db, f),
  ]);
  return {
    period: { from: f.from, to: f.to },
    totals: t,
    byDay: days,
    byTopic: topics,
    ...time,
    csat: rating,
    operators: ops,
  };
}

/** Queues and topics to narrow the report to (inactive ones too: their old requests still count). */
export async function reportFilters(db: Db) {
  const columns = (t: typeof supportQueues | typeof supportTopics) => ({
    id: t.id,
    nameRu: t.nameRu,
    nameEn: t.nameEn,
    active: t.active,
  });
  const [queues, topics] = await Promise.all([
    db.select(columns(supportQueues)).from(supportQueues).orderBy(supportQueues.nameRu),
    db.select(columns(supportTopics)).from(supportTopics).orderBy(supportTopics.sort, supportTopics.nameRu),
  ]);
  return { queues, topics };
}
