import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { addLines, ensurePersonalCart } from '../carts/index.js';
import { repeatPurchases } from '../orders/index.js';
import { addDays, dateOf, usualIntervalDays } from './subscriptions.dates.js';
import { preferencesOf, sendNotice } from './subscriptions.notices.js';
import { reorderReminders, subscriptions } from './subscriptions.tables.js';

/** A product becomes a «usual» purchase after this many purchase days (two gaps to take the median of). */
export const reorderMinPurchases = 3;
/** History looked at: the last two years. */
const historyDays = 730;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ReminderRunResult {
  sent: number;
}

/**
 * Sends «time to reorder» reminders: for each product a person bought on at least three days, the usual
 * interval is the median gap; once the last purchase plus that interval has come (and the person has no newer
 * purchase, no live subscription for it, and did not turn reminders off), one reminder per cycle (the cycle is
 * the last purchase) with a one-click link to a prefilled cart.
 */
export async function runReorderReminders(
  db: Db,
  publicUrl: string,
  now = new Date(),
  options: { personId?: string } = {},
): Promise<ReminderRunResult> {
  const today = dateOf(now);
  const history = await repeatPurchases(db, {
    minDays: reorderMinPurchases,
    since: new Date(now.getTime() - historyDays * 86_400_000),
    ...(options.personId ? { personId: options.personId } : {}),
  });
  const due = history.flatMap((h) => {
    const interval = usualIntervalDays(h.days);
    const last = h.days.at(-1);
    if (!interval || interval < 1 || !last) return [];
    const dueOn = addDays(last, interval);
    // Not yet, or so long ago that the person plainly stopped buying it.
    if (dueOn > today || addDays(dueOn, interval * 2) < today) return [];
    return [{ ...h, interval, last }];
  });
  if (due.length === 0) return { sent: 0 };
  const people = [...new Set(due.map((d) => d.personId))];
  const live = await db
    .select({ personId: subscriptions.personId, productId: subscriptions.productId })
    .from(subscriptions)
    .where(and(inArray(subscriptions.personId, people), ne(subscriptions.status, 'canceled')));
  const subscribed = new Set(live.map((l) => `${l.personId}:${l.productId}`));
  let sent = 0;
  const prefs = new Map<string, boolean>();
  for (const d of due) {
    if (subscribed.has(`${d.personId}:${d.productId}`)) continue;
    if (!prefs.has(d.personId)) prefs.set(d.personId, (await preferencesOf(db, d.personId)).reorderReminders);
    if (!prefs.get(d.personId)) continue;
    const token = randomBytes(24).toString('base64url');
    const quantity = Math.max(1, Math.round(d.quantity));
    const sentNow = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reorderReminders)
        .values({
          id: uuidv7(),
          personId: d.personId,
          productId: d.productId,
          variantId: d.variantId,
          title: d.name,
          quantity,
          lastPurchase: d.last,
          intervalDays: d.interval,
          tokenHash: hashToken(token),
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return false; // This cycle's reminder went out already.
      await sendNotice(tx, publicUrl, {
        personId: d.personId,
        preference: 'reorderReminders',
        kind: 'subscriptions.reorder',
        title: { ru: `Пора заказать «${d.name}»?`, en: `Time to reorder “${d.name}”?` },
        body: {
          ru: `Обычно вы покупаете «${d.name}» раз в ${d.interval} дн. Мы положим в корзину то же, что в прошлый раз (${quantity} шт.).`,
          en: `You usually buy “${d.name}” every ${d.interval} days. We will put the same as last time (${quantity}) in your cart.`,
        },
        link: `/reorder?token=${token}`,
        action: { ru: 'Заказать снова', en: 'Order again' },
        data: { productId: d.productId, reminderId: row.id },
      });
      return true;
    });
    if (sentNow) sent++;
  }
  return { sent };
}

/** The person's recent reminders, newest first. */
export async function listReminders(db: Db, personId: string) {
  const rows = await db
    .select()
    .from(reorderReminders)
    .where(eq(reorderReminders.personId, personId))
    .orderBy(desc(reorderReminders.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    productId: r.productId,
    variantId: r.variantId,
    title: r.title,
    quantity: r.quantity,
    lastPurchase: r.lastPurchase,
    intervalDays: r.intervalDays,
    createdAt: r.createdAt.toISOString(),
    usedAt: r.usedAt?.toISOString() ?? null,
  }));
}

/** Follows a reminder's one-click link: the items go into the person's own cart; someone else's link is NOT_FOUND. */
export async function reorderFromReminder(db: Db, personId: string, token: string, now = new Date()) {
  const [reminder] = await db
    .select()
    .from(reorderReminders)
    .where(and(eq(reorderReminders.tokenHash, hashToken(token)), eq(reorderReminders.personId, personId)));
  if (!reminder) throw new AppError('NOT_FOUND', 'No such reminder');
  const cartId = await ensurePersonalCart(db, personId);
  const pricing = { scope: 'me' as const, userId: personId, companyId: null, customerGroupId: null, at: now };
  // A second click does not add the items twice.
  const result = reminder.usedAt
    ? { added: 0, corrected: [], unavailable: [] }
    : await addLines(db, { pricing }, cartId, [
        { variantId: reminder.variantId, quantity: reminder.quantity },
      ]);
  if (!reminder.usedAt)
    await db.update(reorderReminders).set({ usedAt: now }).where(eq(reorderReminders.id, reminder.id));
  return {
    cartId,
    added: result.added,
    unavailable: result.unavailable.length,
    alreadyUsed: Boolean(reminder.usedAt),
  };
}
