import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { orderStatuses } from '../../shared/orders.js';
import { listOrders } from '../orders/index.js';
import { users } from '../people/people.tables.js';
import { newReferralCode, normalizeCode, shortName } from './referrals.code.js';
import { getReferralSettings } from './referrals.settings.js';
import { type ReferralStatus, referralCodes, referrals } from './referrals.tables.js';

export const notifyReferrerJob = 'referrals.notifyReferrer';

/** Why a code cannot be claimed; the API names it in the problem's `errors[0].message` on the path `code`. */
export type ClaimRefusal =
  | 'unknown_code'
  | 'own_code'
  | 'already_claimed'
  | 'after_first_order'
  | 'programme_off';

const refusalText: Record<ClaimRefusal, string> = {
  unknown_code: 'There is no such referral code',
  own_code: 'This is your own referral code',
  already_claimed: 'You have already joined by a referral code',
  after_first_order: 'A referral code can only be used before the first order',
  programme_off: 'The referral programme is switched off',
};

const refuse = (reason: ClaimRefusal) =>
  new AppError('VALIDATION_FAILED', refusalText[reason], [{ path: 'code', message: reason }]);

/** The person's code, made on first use (a clash of random codes is retried). */
export async function ensureCode(db: Db, personId: string): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const [existing] = await db.select().from(referralCodes).where(eq(referralCodes.personId, personId));
    if (existing) return existing.code;
    await db.insert(referralCodes).values({ personId, code: newReferralCode() }).onConflictDoNothing();
  }
  throw new Error('could not make a unique referral code');
}

/** Who owns a code (as typed), or null. */
export async function ownerOfCode(db: Db, input: string) {
  const code = normalizeCode(input);
  if (!/^[A-Z0-9]{4,16}$/.test(code)) return null;
  const [row] = await db
    .select({ personId: referralCodes.personId, code: referralCodes.code, name: users.name })
    .from(referralCodes)
    .innerJoin(users, eq(users.id, referralCodes.personId))
    .where(and(eq(referralCodes.code, code), sql`${users.blockedAt} is null`));
  return row ?? null;
}

/** True when the person has a personal order that was not cancelled. */
export async function hasOrdered(db: Db, personId: string): Promise<boolean> {
  const page = await listOrders(
    db,
    { kind: 'me', personId },
    { limit: 1, status: orderStatuses.filter((s) => s !== 'cancelled') },
  );
  return page.items.length > 0;
}

type Row = typeof referrals.$inferSelect;

/** A referral as its two sides see it: the other side by first name and initial only. */
function presentReferral(r: Row, names: { referrer: string; friend: string }) {
  return {
    id: r.id,
    code: r.code,
    referrer: shortName(names.referrer),
    friend: shortName(names.friend),
    status: r.status,
    rejectReason: r.rejectReason,
    orderNumber: r.orderNumber,
    referrerPoints: r.referrerPoints,
    friendPoints: r.friendPoints,
    joinedAt: r.joinedAt.toISOString(),
    orderedAt: r.orderedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}
export type ReferralView = ReturnType<typeof presentReferral>;

const referrerUser = alias(users, 'referrer_user');
const friendUser = alias(users, 'friend_user');

/** Referral rows with both names, by a condition. */
function withNames(db: Db) {
  return db
    .select({
      r: referrals,
      referrerName: referrerUser.name,
      referrerEmail: referrerUser.email,
      friendName: friendUser.name,
      friendEmail: friendUser.email,
    })
    .from(referrals)
    .innerJoin(referrerUser, eq(referrerUser.id, referrals.referrerId))
    .innerJoin(friendUser, eq(friendUser.id, referrals.friendId));
}

type NamedRow = { r: Row; referrerName: string; friendName: string };
const present = (x: NamedRow) => presentReferral(x.r, { referrer: x.referrerName, friend: x.friendName });

/**
 * Joins the person to the programme by a friend's code. Refused (400, the reason on `code`) for an unknown
 * code, their own code, a second code, or after their first order; the unique friend id makes a concurrent
 * second claim fail the same way.
 */
export async function claimReferral(db: Db, personId: string, input: string, now = new Date()) {
  return db.transaction(async (tx) => {
    if (!(await getReferralSettings(tx)).enabled) throw refuse('programme_off');
    const owner = await ownerOfCode(tx, input);
    if (!owner) throw refuse('unknown_code');
    if (owner.personId === personId) throw refuse('own_code');
    const [already] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(eq(referrals.friendId, personId));
    if (already) throw refuse('already_claimed');
    if (await hasOrdered(tx, personId)) throw refuse('after_first_order');
    const [row] = await tx
      .insert(referrals)
      .values({
        id: uuidv7(),
        code: owner.code,
        referrerId: owner.personId,
        friendId: personId,
        joinedAt: now,
      })
      .onConflictDoNothing({ target: referrals.friendId })
      .returning();
    if (!row) throw refuse('already_claimed');
    await enqueueJob(tx, notifyReferrerJob, { referralId: row.id, news: 'joined' });
    const [named] = await withNames(tx).where(eq(referrals.id, row.id));
    return present(named as NamedRow);
  });
}

/** The personal page: my code and link, the terms, the friends I invited, and the code I joined by. */
export async function myReferrals(db: Db, personId: string, publicUrl: string) {
  const code = await ensureCode(db, personId);
  const settings = await getReferralSettings(db);
  const invited = await withNames(db)
    .where(eq(referrals.referrerId, personId))
    .orderBy(desc(referrals.joinedAt), desc(referrals.id))
    .limit(200);
  const [joinedBy] = await withNames(db).where(eq(referrals.friendId, personId));
  return {
    code,
    link: `${publicUrl}/r/${code}`,
    terms: {
      enabled: settings.enabled,
      referrerPoints: settings.referrerPoints,
      friendPoints: settings.friendPoints,
      minOrderAmount: settings.minOrderAmount,
    },
    invited: invited.map(present),
    joinedBy: joinedBy ? present(joinedBy) : null,
    canClaim: settings.enabled && !joinedBy && !(await hasOrdered(db, personId)),
  };
}

/** One referral where the person is the inviter or the friend; anyone else's is `NOT_FOUND`. */
export async function referralOf(db: Db, personId: string, id: string) {
  const [row] = z.uuid().safeParse(id).success ? await withNames(db).where(eq(referrals.id, id)) : [];
  if (!row || (row.r.referrerId !== personId && row.r.friendId !== personId))
    throw new AppError('NOT_FOUND', 'Referral not found');
  return present(row);
}

/** The public landing of `/r/<code>`: whose invitation it is and what the friend gets. */
export async function landingOf(db: Db, input: string) {
  const owner = await ownerOfCode(db, input);
  if (!owner) throw new AppError('NOT_FOUND', 'There is no such referral code');
  const settings = await getReferralSettings(db);
  return {
    code: owner.code,
    referrer: shortName(owner.name),
    enabled: settings.enabled,
    friendPoints: settings.friendPoints,
    minOrderAmount: settings.minOrderAmount,
  };
}

const cursorShape = z.tuple([z.iso.datetime(), z.uuid()]);

/** The back office's list: every referral with both people, newest first, by status. */
export async function listReferrals(
  db: Db,
  q: { status?: ReferralStatus | undefined; limit: number; cursor?: string | undefined },
) {
  const where = [];
  if (q.status) where.push(eq(referrals.status, q.status));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, cursorShape);
    where.push(sql`(${referrals.joinedAt}, ${referrals.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await withNames(db)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(referrals.joinedAt), desc(referrals.id))
    .limit(q.limit + 1);
  return toPage(
    rows,
    q.limit,
    (x) => ({
      ...presentReferral(x.r, { referrer: x.referrerName, friend: x.friendName }),
      referrer: { id: x.r.referrerId, name: x.referrerName, email: x.referrerEmail },
      friend: { id: x.r.friendId, name: x.friendName, email: x.friendEmail },
    }),
    (x) => [x.r.joinedAt.toISOString(), x.r.id],
  );
}

/** Counts by status, for the back office's filter. */
export async function referralCounts(db: Db) {
  const rows = await db
    .select({ status: referrals.status, n: sql<number>`count(*)::int` })
    .from(referrals)
    .groupBy(referrals.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<ReferralStatus, number>
  >;
}
