import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { normaliseCode, type PromotionRow } from './promo.rules.js';
import type { PromotionBody } from './promotions.schema.js';
import { promoBatches, promoCodes, promoRedemptions, promotions } from './promotions.tables.js';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 8;

/** A random code from the unambiguous alphabet (crypto-random). */
export function randomCode(prefix = ''): string {
  let out = prefix.toUpperCase();
  for (let i = 0; i < codeLength; i++) out += codeAlphabet[randomInt(codeAlphabet.length)];
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function statsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { uses: number; discount: number; personal: number }>();
  const rows = await queryRows<{ id: string; uses: number; discount: string; personal: number }>(
    db,
    sql`select p.id,
          (select count(*)::int from promo_redemptions r where r.promotion_id = p.id and r.released_at is null) as uses,
          (select coalesce(sum(r.amount), 0)::text from promo_redemptions r where r.promotion_id = p.id and r.released_at is null) as discount,
          (select count(*)::int from promo_codes c where c.promotion_id = p.id and c.single_use) as personal
        from promotions p where p.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(
    rows.map((r) => [r.id, { uses: r.uses, discount: Number(r.discount), personal: r.personal }]),
  );
}

async function publicCodesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ promotionId: promoCodes.promotionId, code: promoCodes.code })
    .from(promoCodes)
    .where(
      and(inArray(promoCodes.promotionId, ids), eq(promoCodes.singleUse, false), isNull(promoCodes.batchId)),
    )
    .orderBy(asc(promoCodes.createdAt));
  return new Map(rows.map((r) => [r.promotionId, r.code]));
}

function present(
  p: PromotionRow,
  code: string | undefined,
  stats: { uses: number; discount: number; personal: number } | undefined,
) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    kind: p.kind,
    value: p.value,
    target: p.target,
    targetIds: p.targetIds,
    minOrderAmount: p.minOrderAmount,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    usageLimit: p.usageLimit,
    perPersonLimit: p.perPersonLimit,
    audience: p.audience,
    combinableWithPoints: p.combinableWithPoints,
    appliesToContract: p.appliesToContract,
    appliesToDiscounted: p.appliesToDiscounted,
    active: p.active,
    publicCode: code ?? null,
    uses: stats?.uses ?? 0,
    discountGiven: stats?.discount ?? 0,
    personalCodes: stats?.personal ?? 0,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Every promotion, newest first, with its public code, uses and the discount it gave. */
export async function listPromotions(db: Db) {
  const rows = await db.select().from(promotions).orderBy(desc(promotions.createdAt)).limit(500);
  const ids = rows.map((r) => r.id);
  const [codes, stats] = await Promise.all([publicCodesOf(db, ids), statsOf(db, ids)]);
  return { items: rows.map((r) => present(r, codes.get(r.id), stats.get(r.id))) };
}

/** One promotion as the back office shows it; 404 when absent. */
export async function getPromotion(db: Db, id: string) {
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await db.select().from(promotions).where(eq(promotions.id, id))
    : [];
  if (!row) throw new AppError('NOT_FOUND', 'No such promotion');
  const [codes, stats] = await Promise.all([publicCodesOf(db, [id]), statsOf(db, [id])]);
  return present(row, codes.get(id), stats.get(id));
}

const valuesOf = (b: PromotionBody) => ({
  name: b.name,
  description: b.description ?? null,
  kind: b.kind,
  value: b.value,
  target: b.target,
  targetIds: b.target === 'order' ? [] : b.targetIds,
  minOrderAmount: b.minOrderAmount,
  startsAt: b.startsAt ? new Date(b.startsAt) : null,
  endsAt: b.endsAt ? new Date(b.endsAt) : null,
  usageLimit: b.usageLimit ?? null,
  perPersonLimit: b.perPersonLimit ?? null,
  audience: b.audience,
  combinableWithPoints: b.combinableWithPoints,
  appliesToContract: b.appliesToContract,
  appliesToDiscounted: b.appliesToDiscounted,
  active: b.active,
});

/** Sets (or replaces) the public code of a promotion; 409 when another promotion holds the code. */
async function setPublicCode(tx: Db, promotionId: string, raw: string | null | undefined) {
  if (raw === undefined) return;
  const code = raw ? normaliseCode(raw) : null;
  const [current] = await tx
    .select()
    .from(promoCodes)
    .where(
      and(
        eq(promoCodes.promotionId, promotionId),
        eq(promoCodes.singleUse, false),
        isNull(promoCodes.batchId),
      ),
    );
  if (current?.code === code) return;
  if (code) {
    const [taken] = await tx.select({ id: promoCodes.id }).from(promoCodes).where(eq(promoCodes.code, code));
    if (taken)
      throw new AppError('CONFLICT', 'This code is already taken', [
        { path: 'publicCode', message: 'This code is already taken' },
      ]);
  }
  // A used code stays (its redemptions point at it); it is detached by renaming it out of the way.
  if (current) {
    const [used] = await tx
      .select({ id: promoRedemptions.id })
      .from(promoRedemptions)
      .where(eq(promoRedemptions.codeId, current.id))
      .limit(1);
    if (used)
      await tx
        .update(promoCodes)
        .set({
          code: `${current.code}~${current.id.slice(-6).toUpperCase()}`,
          batchId: null,
          singleUse: true,
        })
        .where(eq(promoCodes.id, current.id));
    else await tx.delete(promoCodes).where(eq(promoCodes.id, current.id));
  }
  if (code) await tx.insert(promoCodes).values({ id: uuidv7(), promotionId, code });
}

/** Creates a promotion with its optional public code. */
export async function createPromotion(db: Db, body: PromotionBody) {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(promotions).values({ id, ...valuesOf(body) });
    await setPublicCode(tx, id, body.publicCode ?? null);
  });
  return getPromotion(db, id);
}

/** Replaces a promotion's terms (existing redemptions keep the amounts they had). */
export async function updatePromotion(db: Db, id: string, body: PromotionBody) {
  await getPromotion(db, id);
  await db.transaction(async (tx) => {
    await tx
      .update(promotions)
      .set({ ...valuesOf(body), updatedAt: new Date() })
      .where(eq(promotions.id, id));
    await setPublicCode(tx, id, body.publicCode);
  });
  return getPromotion(db, id);
}

/**
 * Generates a batch of single-use personal codes: crypto-random from the unambiguous alphabet, unique across
 * all codes (a collision is simply drawn again), optionally assigned one per person in order.
 */
export async function generateBatch(
  db: Db,
  promotionId: string,
  input: { count: number; prefix: string; personIds: string[] },
  createdBy: string | null,
) {
  await getPromotion(db, promotionId);
  if (input.personIds.length > input.count)
    throw new AppError('VALIDATION_FAILED', 'More people than codes', [
      { path: 'personIds', message: `At most ${input.count} people` },
    ]);
  const batchId = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(promoBatches).values({
      id: batchId,
      promotionId,
      prefix: input.prefix.toUpperCase(),
      size: input.count,
      createdBy,
    });
    let made = 0;
    for (let attempt = 0; made < input.count && attempt < 20; attempt++) {
      const want = Math.min(1000, input.count - made);
      const rows = Array.from({ length: want }, (_, i) => ({
        id: uuidv7(),
        promotionId,
        batchId,
        code: randomCode(input.prefix),
        singleUse: true,
        personId: input.personIds[made + i] ?? null,
      }));
      const inserted = await tx
        .insert(promoCodes)
        .values(rows)
        .onConflictDoNothing({ target: promoCodes.code })
        .returning({ id: promoCodes.id });
      made += inserted.length;
    }
    if (made < input.count)
      throw new AppError('CONFLICT', 'Could not draw enough unique codes; add a prefix');
  });
  return batchOf(db, promotionId, batchId);
}

const batchSelect = {
  id: promoBatches.id,
  promotionId: promoBatches.promotionId,
  prefix: promoBatches.prefix,
  size: promoBatches.size,
  createdAt: promoBatches.createdAt,
  used: sql<number>`(select count(*)::int from promo_redemptions r join promo_codes c on c.id = r.code_id
      where c.batch_id = promo_batches.id and r.released_at is null)`,
};
interface BatchRow {
  id: string;
  promotionId: string;
  prefix: string;
  size: number;
  used: number;
  createdAt: Date;
}
const presentBatch = (b: BatchRow) => ({ ...b, createdAt: b.createdAt.toISOString() });

async function batchOf(db: Db, promotionId: string, batchId: string) {
  const [row] = /^[0-9a-f-]{36}$/i.test(batchId)
    ? await db
        .select(batchSelect)
        .from(promoBatches)
        .where(and(eq(promoBatches.id, batchId), eq(promoBatches.promotionId, promotionId)))
    : [];
  if (!row) throw new AppError('NOT_FOUND', 'No such batch');
  return presentBatch(row);
}

/** The promotion's batches, newest first, with how many of their codes are used. */
export async function listBatches(db: Db, promotionId: string) {
  await getPromotion(db, promotionId);
  const rows = await db
    .select(batchSelect)
    .from(promoBatches)
    .where(eq(promoBatches.promotionId, promotionId))
    .orderBy(desc(promoBatches.createdAt));
  return { items: rows.map(presentBatch) };
}

const csvCell = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A batch as CSV for Excel: UTF-8 with a BOM, `;`-separated (Russian Excel), one code a line. */
export async function batchCsv(db: Db, promotionId: string, batchId: string) {
  const batch = await batchOf(db, promotionId, batchId);
  const rows = await queryRows<{
    code: string;
    email: string | null;
    name: string | null;
    used_at: Date | null;
  }>(
    db,
    sql`select c.code, u.email, u.name,
          (select max(r.created_at) from promo_redemptions r where r.code_id = c.id and r.released_at is null) as used_at
        from promo_codes c left join users u on u.id = c.person_id
        where c.batch_id = ${batch.id} order by c.code`,
  );
  const lines = ['code;email;name;used_at'];
  for (const r of rows)
    lines.push(
      [r.code, r.email ?? '', r.name ?? '', r.used_at ? new Date(r.used_at).toISOString() : '']
        .map(csvCell)
        .join(';'),
    );
  return { filename: `promo-codes-${batch.id.slice(0, 8)}.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` };
}

/** Code usage: uses and discount given per promotion and per day in the period (Moscow days). */
export async function usageReport(db: Db, period: { from: string; to: string }) {
  const day = sql`(r.created_at at time zone 'Europe/Moscow')::date`;
  const inPeriod = sql`${day} between ${period.from}::date and ${period.to}::date`;
  const byPromotion = await queryRows<{
    promotion_id: string;
    name: string;
    uses: number;
    discount: string;
    released: number;
  }>(
    db,
    sql`select p.id as promotion_id, p.name,
          count(*) filter (where r.released_at is null)::int as uses,
          coalesce(sum(r.amount) filter (where r.released_at is null), 0)::text as discount,
          count(*) filter (where r.released_at is not null)::int as released
        from promo_redemptions r join promotions p on p.id = r.promotion_id
        where ${inPeriod}
        group by p.id, p.name order by 4 desc, p.name`,
  );
  const byDay = await queryRows<{ date: string; uses: number; discount: string }>(
    db,
    sql`select ${day}::text as date, count(*)::int as uses, coalesce(sum(r.amount), 0)::text as discount
        from promo_redemptions r where ${inPeriod} and r.released_at is null
        group by 1 order by 1`,
  );
  const items = byPromotion.map((r) => ({
    promotionId: r.promotion_id,
    name: r.name,
    uses: r.uses,
    discountGiven: Number(r.discount),
    released: r.released,
  }));
  return {
    period,
    totals: {
      uses: items.reduce((s, r) => s + r.uses, 0),
      discountGiven: items.reduce((s, r) => s + r.discountGiven, 0),
      released: items.reduce((s, r) => s + r.released, 0),
    },
    byPromotion: items,
    byDay: byDay.map((d) => ({ date: d.date, uses: d.uses, discountGiven: Number(d.discount) })),
  };
}
