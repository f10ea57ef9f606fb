import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { expirePersonLots, lockAccount, peopleWithDueLots } from './points.ledger.js';
import { onOrderStatusChanged, reverseReturnedLines } from './points.orders.js';
import { addDays, awardPoints } from './points.service.js';
import { getPointsSettings } from './points.settings.js';

export const pointsOrderStatusJob = 'loyalty.points.orderStatus';
export const pointsReturnJob = 'loyalty.points.returnRefunded';
export const pointsExpiryJob = 'loyalty.points.expire';
export const pointsBirthdayJob = 'loyalty.points.birthday';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

const returnEvent = z.object({
  returnId: z.string(),
  orderId: z.string(),
  personId: z.string(),
  companyId: z.string().nullable(),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.coerce.number() })),
});

/** Burns every lot past its expiry, one person per transaction; returns the points burnt. */
export async function expireDuePoints(db: Db, now: Date): Promise<number> {
  let burnt = 0;
  for (let round = 0; round < 100; round++) {
    const people = await peopleWithDueLots(db, now);
    if (people.length === 0) break;
    for (const personId of people)
      burnt += await db.transaction(async (tx) => {
        await lockAccount(tx, personId);
        return expirePersonLots(tx, personId, now);
      });
  }
  return burnt;
}

/**
 * Birthday bonuses of the day (Moscow calendar): once a year per person (key `birthday:<person>:<year>`), living
 * the configured birthday lifetime. 29 February birthdays are celebrated on 28 February in other years.
 */
export async function grantBirthdayBonuses(db: Db, now: Date): Promise<number> {
  const settings = await getPointsSettings(db);
  if (settings.birthdayPoints <= 0) return 0;
  const local = new Date(now.getTime() + 3 * 3_600_000);
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const year = local.getUTCFullYear();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const alsoLeapDay = !leap && month === 2 && day === 28;
  const people = await queryRows<{ person_id: string }>(
    db,
    sql`select person_id from loyalty_birthdays
        where (extract(month from birth_date) = ${month} and extract(day from birth_date) = ${day})
           or (${alsoLeapDay} and extract(month from birth_date) = 2 and extract(day from birth_date) = 29)`,
  );
  let given = 0;
  for (const p of people) {
    const { awarded } = await awardPoints(db, {
      personId: p.person_id,
      points: settings.birthdayPoints,
      kind: 'birthday',
      reason: 'С днём рождения! Подарочные баллы',
      key: `birthday:${p.person_id}:${year}`,
      expiresAt: addDays(now, settings.birthdayLifetimeDays),
      now,
    });
    if (awarded) given += 1;
  }
  return given;
}

/** The points jobs: order events, hourly expiry and the daily birthday bonus. */
export function pointsJobs(_ctx: ModuleContext) {
  return [
    defineJob({
      name: pointsOrderStatusJob,
      payload: outboxPayload,
      handler: ({ payload, db }) => onOrderStatusChanged(db, payload.payload, new Date()),
    }),
    defineJob({
      name: pointsReturnJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        const event = returnEvent.safeParse(payload.payload);
        if (!event.success) return;
        await db.transaction((tx) => reverseReturnedLines(tx, event.data, new Date()));
      },
    }),
    defineJob({
      name: pointsExpiryJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await expireDuePoints(db, new Date());
      },
    }),
    defineJob({
      name: pointsBirthdayJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await grantBirthdayBonuses(db, new Date());
      },
    }),
  ];
}

/** Outbox subscriptions (order status, refunded returns) and the schedules (expiry hourly, birthdays daily). */
export function wirePoints(ctx: ModuleContext): void {
  // Points belong to people's own orders: a company order's status changes queue nothing here.
  ctx.jobs.subscribe('orders.status_changed', pointsOrderStatusJob, (e) => !e.companyId);
  ctx.jobs.subscribe('orders.return_refunded', pointsReturnJob);
  ctx.jobs.schedule(pointsExpiryJob, '7 * * * *');
  ctx.jobs.schedule(pointsBirthdayJob, '5 6 * * *');
}
