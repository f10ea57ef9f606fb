import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { addressForCheckout } from '../addresses/addresses.service.js';
import { variantFacts } from '../carts/index.js';
import { listSavedMethods } from '../payments/index.js';
import { addDays, addMonths, dateOf, laterOf } from './subscriptions.dates.js';
import type { ChangeBody, CreateBody } from './subscriptions.schema.js';
import {
  subscriptionCharges,
  subscriptionEvents,
  subscriptionPlans,
  subscriptions,
} from './subscriptions.tables.js';

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PlanRow = typeof subscriptionPlans.$inferSelect;
type Actor = 'person' | 'staff' | 'system';

/** The subscription as the API shows it. */
export function presentSubscription(s: SubscriptionRow, plan?: PlanRow | null) {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    variantId: s.variantId,
    productId: s.productId,
    quantity: s.quantity,
    intervalWeeks: s.intervalWeeks,
    planId: s.planId,
    plan: plan ? presentPlan(plan) : null,
    deliveryMethodId: s.deliveryMethodId,
    addressId: s.addressId,
    savedMethodId: s.savedMethodId,
    status: s.status,
    nextDate: s.nextDate,
    pausedUntil: s.pausedUntil,
    pauseReason: s.pauseReason,
    retryAt: s.retryAt?.toISOString() ?? null,
    failedAttempts: s.failedAttempts,
    createdAt: s.createdAt.toISOString(),
    canceledAt: s.canceledAt?.toISOString() ?? null,
  };
}

/** A plan as the API shows it. */
export function presentPlan(p: PlanRow) {
  return {
    id: p.id,
    nameRu: p.nameRu,
    nameEn: p.nameEn,
    descriptionRu: p.descriptionRu,
    descriptionEn: p.descriptionEn,
    price: p.price,
    period: p.period,
    intervalWeeks: p.intervalWeeks,
    isActive: p.isActive,
  };
}

/** The date of the period after `day`: N weeks for products and weekly plans, a month for monthly plans. */
export function periodAfter(
  s: Pick<SubscriptionRow, 'kind' | 'intervalWeeks'>,
  plan: PlanRow | null,
  day: string,
) {
  if (s.kind === 'plan' && plan?.period === 'month') return addMonths(day, 1);
  const weeks = (s.kind === 'plan' ? plan?.intervalWeeks : s.intervalWeeks) ?? 4;
  return addDays(day, weeks * 7);
}

/** Writes one history entry. */
export async function recordEvent(
  db: Db,
  subscriptionId: string,
  kind: string,
  actor: Actor,
  data: Record<string, unknown> = {},
  at = new Date(),
) {
  await db
    .insert(subscriptionEvents)
    .values({ id: uuidv7(), subscriptionId, kind, actor, data, createdAt: at });
}

export async function planOf(db: Db, id: string | null): Promise<PlanRow | null> {
  if (!id) return null;
  const [row] = await db.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, id));
  return row ?? null;
}

async function assertCard(db: Db, personId: string, savedMethodId: string, path = 'savedMethodId') {
  const cards = (await listSavedMethods(db, personId)).items;
  if (!cards.some((c) => c.id === savedMethodId))
    throw new AppError('VALIDATION_FAILED', 'No such saved card', [{ path, message: 'Save a card first' }]);
}

async function assertAddress(db: Db, personId: string, addressId: string | null | undefined) {
  if (!addressId) return;
  const found = await addressForCheckout(db, { kind: 'person', userId: personId }, addressId);
  if (!found)
    throw new AppError('VALIDATION_FAILED', 'No such address', [
      { path: 'addressId', message: 'No such address in the book' },
    ]);
}

const isUniqueViolation = (e: unknown) => {
  const x = e as { code?: string; cause?: { code?: string } };
  return (x.cause?.code ?? x.code) === '23505';
};

/** Subscribes a person to a product every N weeks or to a service plan, paid with a saved card. */
export async function createSubscription(
  db: Db,
  person: { id: string; locale: string },
  body: CreateBody,
  now = new Date(),
): Promise<SubscriptionRow> {
  await assertCard(db, person.id, body.savedMethodId);
  const today = dateOf(now);
  const id = uuidv7();
  let values: typeof subscriptions.$inferInsert;
  if (body.kind === 'product') {
    const pricing = {
      scope: 'me' as const,
      userId: person.id,
      companyId: null,
      customerGroupId: null,
      at: now,
    };
    const facts = (await variantFacts(db, { pricing }, [body.variantId])).get(body.variantId);
    if (!facts?.visible)
      throw new AppError('VALIDATION_FAILED', 'No such product', [
        { path: 'variantId', message: 'No such product in the catalog' },
      ]);
    await assertAddress(db, person.id, body.addressId);
    values = {
      id,
      personId: person.id,
      kind: 'product',
      title: facts.name,
      variantId: body.variantId,
      productId: facts.productId,
      quantity: body.quantity,
      intervalWeeks: body.intervalWeeks,
      deliveryMethodId: body.deliveryMethodId,
      addressId: body.addressId ?? null,
      savedMethodId: body.savedMethodId,
      nextDate: body.nextDate ?? addDays(today, 1),
      locale: person.locale === 'en' ? 'en' : 'ru',
      createdAt: now,
      updatedAt: now,
    };
  } else {
    const plan = await planOf(db, body.planId);
    if (!plan?.isActive)
      throw new AppError('VALIDATION_FAILED', 'No such plan', [{ path: 'planId', message: 'No such plan' }]);
    values = {
      id,
      personId: person.id,
      kind: 'plan',
      title: person.locale === 'en' ? plan.nameEn : plan.nameRu,
      planId: plan.id,
      savedMethodId: body.savedMethodId,
      // A plan's first period is charged at once (the runner's next pass).
      nextDate: body.nextDate ?? today,
      locale: person.locale === 'en' ? 'en' : 'ru',
      createdAt: now,
      updatedAt: now,
    };
  }
  if ((values.nextDate as string) < today)
    throw new AppError('VALIDATION_FAILED', 'The first date is in the past', [
      { path: 'nextDate', message: 'Choose today or later' },
    ]);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(subscriptions).values(values).returning();
      await recordEvent(tx, id, 'created', 'person', { nextDate: values.nextDate }, now);
      return row as SubscriptionRow;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'You already subscribe to this; change the existing subscription');
    throw error;
  }
}

/** The person's subscriptions, live ones first, newest first. */
export async function listSubscriptions(db: Db, personId: string) {
  const rows = await db
    .select({ s: subscriptions, plan: subscriptionPlans })
    .from(subscriptions)
    .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, subscriptions.planId))
    .where(eq(subscriptions.personId, personId))
    .orderBy(sql`${subscriptions.status} = 'canceled'`, desc(subscriptions.createdAt));
  return { items: rows.map((r) => presentSubscription(r.s, r.plan)) };
}

/** One subscription of the person; someone else's is NOT_FOUND. */
export async function subscriptionOf(db: Db, personId: string | null, id: string, lock = false) {
  const q = db
    .select()
    .from(subscriptions)
    .where(
      personId
        ? and(eq(subscriptions.id, id), eq(subscriptions.personId, personId))
        : eq(subscriptions.id, id),
    );
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', 'No such subscription');
  return row;
}

/** A subscription with its history and periods. */
export async function subscriptionDetail(db: Db, personId: string | null, id: string) {
  const s = await subscriptionOf(db, personId, id);
  const [plan, history, charges] = await Promise.all([
    planOf(db, s.planId),
    db
      .select()
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.subscriptionId, id))
      .orderBy(desc(subscriptionEvents.createdAt), desc(subscriptionEvents.id)),
    db
      .select()
      .from(subscriptionCharges)
      .where(eq(subscriptionCharges.subscriptionId, id))
      .orderBy(desc(subscriptionCharges.periodDate)),
  ]);
  return {
    ...presentSubscription(s, plan),
    history: history.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: e.actor,
      data: e.data as Record<string, unknown>,
      createdAt: e.createdAt.toISOString(),
    })),
    charges: charges.map(presentCharge),
  };
}

export function presentCharge(c: typeof subscriptionCharges.$inferSelect) {
  return {
    id: c.id,
    periodDate: c.periodDate,
    status: c.status,
    attempts: c.attempts,
    orderId: c.orderId,
    paymentId: c.paymentId,
    amount: c.amount,
    lastError: c.lastError,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Runs one change on the person's subscription row, locked, and writes its history entry. */
async function mutate(
  db: Db,
  personId: string | null,
  id: string,
  actor: Actor,
  change: (
    s: SubscriptionRow,
    plan: PlanRow | null,
  ) => Promise<{ set: Partial<SubscriptionRow>; kind: string; data?: Record<string, unknown> }>,
  now: Date,
) {
  await db.transaction(async (tx) => {
    const s = await subscriptionOf(tx, personId, id, true);
    if (s.status === 'canceled') throw new AppError('CONFLICT', 'The subscription is cancelled');
    const { set, kind, data } = await change(s, await planOf(tx, s.planId));
    await tx
      .update(subscriptions)
      .set({ ...set, updatedAt: now })
      .where(eq(subscriptions.id, id));
    await recordEvent(tx, id, kind, actor, data ?? {}, now);
  });
  return subscriptionDetail(db, personId, id);
}

/** Pauses until a date (deliveries resume then, the next date moves past it) or until resumed. */
export function pauseSubscription(
  db: Db,
  personId: string | null,
  id: string,
  until: string | null,
  now = new Date(),
  actor: Actor = 'person',
) {
  return mutate(
    db,
    personId,
    id,
    actor,
    async (s) => {
      if (until && until <= dateOf(now))
        throw new AppError('VALIDATION_FAILED', 'The pause must end in the future', [
          { path: 'until', message: 'Choose a date after today' },
        ]);
      const nextDate = until ? laterOf(s.nextDate, until) : s.nextDate;
      return {
        set: {
          status: 'paused',
          pausedUntil: until,
          pauseReason: 'person',
          nextDate,
          retryAt: null,
          failedAttempts: 0,
        },
        kind: 'paused',
        data: { until, nextDate },
      };
    },
    now,
  );
}

/** Resumes a paused subscription; a next date already past becomes tomorrow. */
export function resumeSubscription(
  db: Db,
  personId: string | null,
  id: string,
  now = new Date(),
  actor: Actor = 'person',
) {
  return mutate(
    db,
    personId,
    id,
    actor,
    async (s) => {
      if (s.status !== 'paused') throw new AppError('CONFLICT', 'The subscription is not paused');
      const nextDate = laterOf(s.nextDate, addDays(dateOf(now), 1));
      return {
        set: {
          status: 'active',
          pausedUntil: null,
          pauseReason: null,
          nextDate,
          retryAt: null,
          failedAttempts: 0,
        },
        kind: 'resumed',
        data: { nextDate },
      };
    },
    now,
  );
}

/** Skips the next delivery (or charge): the next date moves one period on. */
export function skipNext(
  db: Db,
  personId: string | null,
  id: string,
  now = new Date(),
  actor: Actor = 'person',
) {
  return mutate(
    db,
    personId,
    id,
    actor,
    async (s, plan) => {
      const nextDate = periodAfter(s, plan, s.nextDate);
      return {
        set: { nextDate, retryAt: null, failedAttempts: 0 },
        kind: 'skipped',
        data: { skipped: s.nextDate, nextDate },
      };
    },
    now,
  );
}

/** Changes quantity, interval, next date, address, delivery method or card. */
export function changeSubscription(db: Db, personId: string, id: string, body: ChangeBody, now = new Date()) {
  return mutate(
    db,
    personId,
    id,
    'person',
    async (s) => {
      if (
        s.kind === 'plan' &&
        (body.quantity || body.intervalWeeks || body.addressId || body.deliveryMethodId)
      )
        throw new AppError('VALIDATION_FAILED', 'A service plan has no delivery', [
          { path: '', message: 'Only nextDate and savedMethodId change on a plan' },
        ]);
      if (body.nextDate && body.nextDate <= dateOf(now))
        throw new AppError('VALIDATION_FAILED', 'The next date must be in the future', [
          { path: 'nextDate', message: 'Choose a date after today' },
        ]);
      if (body.savedMethodId) await assertCard(db, personId, body.savedMethodId);
      if (body.addressId) await assertAddress(db, personId, body.addressId);
      const set: Partial<SubscriptionRow> = {};
      if (body.quantity !== undefined) set.quantity = body.quantity;
      if (body.intervalWeeks !== undefined) set.intervalWeeks = body.intervalWeeks;
      if (body.nextDate !== undefined)
        Object.assign(set, { nextDate: body.nextDate, retryAt: null, failedAttempts: 0 });
      if (body.addressId !== undefined) set.addressId = body.addressId;
      if (body.deliveryMethodId !== undefined) set.deliveryMethodId = body.deliveryMethodId;
      if (body.savedMethodId !== undefined) set.savedMethodId = body.savedMethodId;
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, s[k as keyof SubscriptionRow]]));
      return { set, kind: 'changed', data: { before, after: set } };
    },
    now,
  );
}

/** Cancels for good: no more periods. */
export async function cancelSubscription(
  db: Db,
  personId: string | null,
  id: string,
  now = new Date(),
  actor: Actor = 'person',
) {
  return mutate(
    db,
    personId,
    id,
    actor,
    async () => ({ set: { status: 'canceled', canceledAt: now, retryAt: null }, kind: 'canceled' }),
    now,
  );
}

/** Active plans a person can subscribe to. */
export async function activePlans(db: Db) {
  const rows = await db
    .select()
    .from(subscriptionPlans)
    .where(eq(subscriptionPlans.isActive, true))
    .orderBy(asc(subscriptionPlans.price));
  return { items: rows.map(presentPlan) };
}
