import { and, desc, eq, gt, ne, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { users } from '../people/people.tables.js';
import type { adminListQuery, planBody, planPatch } from './subscriptions.schema.js';
import { presentCharge, presentPlan, presentSubscription } from './subscriptions.service.js';
import { subscriptionCharges, subscriptionPlans, subscriptions } from './subscriptions.tables.js';

/** Subscriptions for the back office, newest first, with filters. */
export async function adminListSubscriptions(db: Db, query: z.infer<typeof adminListQuery>) {
  const where: SQL[] = [];
  if (query.status) where.push(eq(subscriptions.status, query.status));
  if (query.kind) where.push(eq(subscriptions.kind, query.kind));
  if (query.failing === 'true') where.push(gt(subscriptions.failedAttempts, 0));
  const rows = await db
    .select({ s: subscriptions, plan: subscriptionPlans, personName: users.name })
    .from(subscriptions)
    .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, subscriptions.planId))
    .leftJoin(users, eq(users.id, subscriptions.personId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(subscriptions.createdAt))
    .limit(query.limit);
  return {
    items: rows.map((r) => ({
      ...presentSubscription(r.s, r.plan),
      personId: r.s.personId,
      personName: r.personName ?? null,
    })),
  };
}

/** Periods whose payment failed (being retried, or given up), newest first. */
export async function failedCharges(db: Db) {
  const rows = await db
    .select({ c: subscriptionCharges, title: subscriptions.title, personId: subscriptions.personId })
    .from(subscriptionCharges)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionCharges.subscriptionId))
    .where(and(ne(subscriptionCharges.status, 'paid'), gt(subscriptionCharges.attempts, 0)))
    .orderBy(desc(subscriptionCharges.updatedAt))
    .limit(100);
  return {
    items: rows.map((r) => ({
      ...presentCharge(r.c),
      subscriptionId: r.c.subscriptionId,
      title: r.title,
      personId: r.personId,
    })),
  };
}

/** Every plan, active first. */
export async function allPlans(db: Db) {
  const rows = await db
    .select()
    .from(subscriptionPlans)
    .orderBy(desc(subscriptionPlans.isActive), desc(subscriptionPlans.createdAt));
  return { items: rows.map(presentPlan) };
}

export async function createPlan(db: Db, body: z.infer<typeof planBody>, now = new Date()) {
  const [row] = await db
    .insert(subscriptionPlans)
    .values({
      id: uuidv7(),
      ...body,
      intervalWeeks: body.period === 'weeks' ? body.intervalWeeks : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return presentPlan(row as typeof subscriptionPlans.$inferSelect);
}

export async function updatePlan(db: Db, id: string, body: z.infer<typeof planPatch>, now = new Date()) {
  const [row] = await db
    .update(subscriptionPlans)
    .set({ ...body, updatedAt: now })
    .where(eq(subscriptionPlans.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such plan');
  return presentPlan(row);
}
