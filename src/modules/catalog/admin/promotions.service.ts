import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../server/core/db.js';
import type { FieldProblem } from '../../../server/core/errors.js';
import { recordAudit } from '../../audit/audit.service.js';
import { discounts, products, productVariants, promoPrices } from '../catalog.tables.js';
import {
  checkCategory,
  checkCompany,
  checkGroup,
  checkGroups,
  checkPerson,
  checkProducts,
  invalid,
  iso,
  notFound,
} from './common.js';
import type { DiscountBody, PromoBody } from './promotions.schema.js';

type DiscountRow = typeof discounts.$inferSelect;

/** A discount row, presented (percent from hundredths of a percent). */
export function presentDiscount(d: DiscountRow) {
  return {
    id: d.id,
    name: d.name,
    companyId: d.companyId,
    userId: d.userId,
    customerGroupId: d.customerGroupId,
    scope: d.scope,
    categoryId: d.categoryId,
    brand: d.brand,
    productId: d.productId,
    percent: d.percentBp / 100,
    minQty: d.minQty,
    startsAt: iso(d.startsAt),
    endsAt: iso(d.endsAt),
    active: d.active,
  };
}

/** Validates a whole discount (after merging a change into the stored one) with field paths. */
async function checkDiscount(db: Db, d: DiscountBody) {
  const problems: FieldProblem[] = [];
  const audiences = [d.companyId, d.userId, d.customerGroupId].filter(Boolean).length;
  if (audiences !== 1) {
    for (const path of ['companyId', 'userId', 'customerGroupId']) {
      problems.push({
        path: `body.${path}`,
        message: 'Choose exactly one: a company, a person or a customer group',
      });
    }
  }
  const targetField = { category: 'categoryId', brand: 'brand', product: 'productId' } as const;
  for (const [scope, field] of Object.entries(targetField)) {
    if (d.scope === scope && !d[field])
      problems.push({ path: `body.${field}`, message: 'Required for this scope' });
    if (d.scope !== scope && d[field])
      problems.push({ path: `body.${field}`, message: 'Only for its own scope' });
  }
  if (d.startsAt && d.endsAt && new Date(d.startsAt) >= new Date(d.endsAt)) {
    problems.push({ path: 'body.endsAt', message: 'Must be after the start' });
  }
  if (problems.length > 0) throw invalid(problems);
  await checkCompany(db, d.companyId, 'body.companyId');
  await checkPerson(db, d.userId, 'body.userId');
  await checkGroup(db, d.customerGroupId, 'body.customerGroupId');
  await checkCategory(db, d.categoryId, 'body.categoryId');
  if (d.productId)
    await checkProducts(db, [d.productId], 'body.productId').catch(() => {
      throw invalid({ path: 'body.productId', message: 'No such product' });
    });
}

const discountValues = (d: DiscountBody) => ({
  name: d.name,
  companyId: d.companyId ?? null,
  userId: d.userId ?? null,
  customerGroupId: d.customerGroupId ?? null,
  scope: d.scope,
  categoryId: d.scope === 'category' ? (d.categoryId ?? null) : null,
  brand: d.scope === 'brand' ? (d.brand ?? null) : null,
  productId: d.scope === 'product' ? (d.productId ?? null) : null,
  percentBp: Math.round(d.percent * 100),
  minQty: d.minQty ?? 1,
  startsAt: d.startsAt ? new Date(d.startsAt) : null,
  endsAt: d.endsAt ? new Date(d.endsAt) : null,
  active: d.active ?? true,
});

/** Discounts, newest first, optionally of one company / person / group; keyset by id. */
export async function listDiscounts(
  db: Db,
  filter: { companyId?: string | undefined; customerGroupId?: string | undefined },
  page: { limit: number; before?: string | undefined },
) {
  const where: SQL[] = [];
  if (filter.companyId) where.push(eq(discounts.companyId, filter.companyId));
  if (filter.customerGroupId) where.push(eq(discounts.customerGroupId, filter.customerGroupId));
  if (page.before) where.push(lt(discounts.id, page.before));
  return db
    .select()
    .from(discounts)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(discounts.id))
    .limit(page.limit + 1);
}

/** Creates a discount (audited: it changes prices). */
export async function createDiscount(db: Db, request: FastifyRequest, body: DiscountBody) {
  await checkDiscount(db, body);
  const id = uuidv7();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(discounts)
      .values({ id, ...discountValues(body) })
      .returning();
    await recordAudit(tx, request, { action: 'catalog.discount_created', subject: id, details: { ...body } });
    return presentDiscount(row as DiscountRow);
  });
}

/** Changes a discount; the merged result is validated as a whole. */
export async function updateDiscount(
  db: Db,
  request: FastifyRequest,
  id: string,
  change: Partial<DiscountBody>,
) {
  const [before] = await db.select().from(discounts).where(eq(discounts.id, id));
  if (!before) throw notFound('discount');
  const merged = { ...presentDiscount(before), ...change } as DiscountBody;
  await checkDiscount(db, merged);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(discounts)
      .set(discountValues(merged))
      .where(eq(discounts.id, id))
      .returning();
    await recordAudit(tx, request, {
      action: 'catalog.discount_changed',
      subject: id,
      details: { from: presentDiscount(before), to: change },
    });
    return presentDiscount(row as DiscountRow);
  });
}

/** Deletes a discount. */
export async function deleteDiscount(db: Db, request: FastifyRequest, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(discounts).where(eq(discounts.id, id)).returning();
    if (!row) throw notFound('discount');
    await recordAudit(tx, request, {
      action: 'catalog.discount_deleted',
      subject: id,
      details: presentDiscount(row),
    });
  });
}

/** Validates a promotional price: dates in order, the variant belongs to the product, known groups. */
async function checkPromo(db: Db, p: PromoBody) {
  if (new Date(p.startsAt) >= new Date(p.endsAt))
    throw invalid({ path: 'body.endsAt', message: 'Must be after the start' });
  const [product] = await db.select({ id: products.id }).from(products).where(eq(products.id, p.productId));
  if (!product) throw invalid({ path: 'body.productId', message: 'No such product' });
  if (p.variantId) {
    const [variant] = await db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(and(eq(productVariants.id, p.variantId), eq(productVariants.productId, p.productId)));
    if (!variant) throw invalid({ path: 'body.variantId', message: 'Not a variant of this product' });
  }
  await checkGroups(db, p.customerGroupIds, 'body.customerGroupIds');
}

const promoValues = (p: PromoBody) => ({
  name: p.name,
  productId: p.productId,
  variantId: p.variantId ?? null,
  amount: p.amount,
  customerGroupIds: p.customerGroupIds ?? null,
  startsAt: new Date(p.startsAt),
  endsAt: new Date(p.endsAt),
});

/** Promotional prices, latest ending first, optionally of one product. */
export async function listPromos(db: Db, productId?: string) {
  const rows = await db
    .select({ promo: promoPrices, productName: products.name })
    .from(promoPrices)
    .innerJoin(products, eq(products.id, promoPrices.productId))
    .where(productId ? eq(promoPrices.productId, productId) : undefined)
    .orderBy(desc(promoPrices.endsAt), desc(promoPrices.id))
    .limit(500);
  return rows.map((r) => presentPromo(r.promo, r.productName));
}

function presentPromo(p: typeof promoPrices.$inferSelect, productName: string) {
  return {
    id: p.id,
    name: p.name,
    productId: p.productId,
    productName,
    variantId: p.variantId,
    amount: p.amount,
    customerGroupIds: p.customerGroupIds,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
  };
}

/** Creates or (with an id) changes a promotional price; audited. */
export async function savePromo(db: Db, request: FastifyRequest, body: PromoBody, id?: string) {
  await checkPromo(db, body);
  const promoId = id ?? uuidv7();
  await db.transaction(async (tx) => {
    if (id) {
      const changed = await tx
        .update(promoPrices)
        .set(promoValues(body))
        .where(eq(promoPrices.id, id))
        .returning();
      if (!changed.length) throw notFound('promotional price');
    } else {
      await tx.insert(promoPrices).values({ id: promoId, ...promoValues(body) });
    }
    await recordAudit(tx, request, {
      action: id ? 'catalog.promo_changed' : 'catalog.promo_created',
      subject: body.productId,
      details: { ...body },
    });
  });
  const saved = (await listPromos(db, body.productId)).find((p) => p.id === promoId);
  if (!saved) throw notFound('promotional price');
  return saved;
}

/** Deletes a promotional price. */
export async function deletePromo(db: Db, request: FastifyRequest, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(promoPrices).where(eq(promoPrices.id, id)).returning();
    if (!row) throw notFound('promotional price');
    await recordAudit(tx, request, {
      action: 'catalog.promo_deleted',
      subject: row.productId,
      details: { id },
    });
  });
}
