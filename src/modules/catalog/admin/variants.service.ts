import { and, eq, inArray, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { recordAudit } from '../../audit/audit.service.js';
import {
  priceLists,
  prices,
  productPropertyValues,
  productRelations,
  products,
  productVariants,
  properties,
  propertyOptions,
  stock,
  warehouses,
} from '../catalog.tables.js';
import { checkProducts, invalid, isUniqueViolation, notFound } from './common.js';
import type {
  propertyValuesBody,
  relationsBody,
  stockBody,
  variantBody,
  variantPricesBody,
} from './products.schema.js';

type VariantBody = z.infer<typeof variantBody>;

const skuTaken = () =>
  new AppError('CONFLICT', 'This SKU is already used', [
    { path: 'body.sku', message: 'This SKU is already used' },
  ]);

async function requireProduct(db: Db, productId: string) {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId));
  if (!row) throw notFound('product');
}

/** Adds a variant to a product; with `isDefault` it becomes the default one. */
export async function addVariant(db: Db, productId: string, body: VariantBody): Promise<string> {
  await requireProduct(db, productId);
  const id = uuidv7();
  try {
    await db.transaction(async (tx) => {
      if (body.isDefault)
        await tx
          .update(productVariants)
          .set({ isDefault: false })
          .where(eq(productVariants.productId, productId));
      await tx
        .insert(productVariants)
        .values({ id, productId, ...body, name: body.name ?? '', isDefault: body.isDefault ?? false });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw skuTaken();
    throw error;
  }
  return id;
}

/** Changes a variant; making it the default takes that role from the previous default. */
export async function updateVariant(
  db: Db,
  productId: string,
  variantId: string,
  body: Partial<VariantBody>,
) {
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: productVariants.id })
        .from(productVariants)
        .where(and(eq(productVariants.id, variantId), eq(productVariants.productId, productId)));
      if (!row) throw notFound('variant');
      if (body.isDefault) {
        await tx
          .update(productVariants)
          .set({ isDefault: false })
          .where(and(eq(productVariants.productId, productId), ne(productVariants.id, variantId)));
      }
      await tx
        .update(productVariants)
        .set({ ...body, updatedAt: new Date() })
        .where(eq(productVariants.id, variantId));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw skuTaken();
    throw error;
  }
}

/** Removes a variant; the default variant stays (a product always has one): make another default first. */
export async function removeVariant(db: Db, productId: string, variantId: string) {
  const [row] = await db
    .select({ isDefault: productVariants.isDefault })
    .from(productVariants)
    .where(and(eq(productVariants.id, variantId), eq(productVariants.productId, productId)));
  if (!row) throw notFound('variant');
  if (row.isDefault) {
    throw new AppError(
      'CONFLICT',
      'The default variant cannot be removed; make another variant the default first',
    );
  }
  await db.delete(productVariants).where(eq(productVariants.id, variantId));
}

/** Replaces a product's property values; each value must fit its property's type. */
export async function setPropertyValues(db: Db, productId: string, body: z.infer<typeof propertyValuesBody>) {
  await requireProduct(db, productId);
  const propertyIds = [...new Set(body.values.map((v) => v.propertyId))];
  const known = propertyIds.length
    ? await db.select().from(properties).where(inArray(properties.id, propertyIds))
    : [];
  const optionIds = body.values.flatMap((v) => (v.optionId ? [v.optionId] : []));
  const options = optionIds.length
    ? await db.select().from(propertyOptions).where(inArray(propertyOptions.id, optionIds))
    : [];
  const problems = body.values.flatMap((v, i) => {
    const property = known.find((p) => p.id === v.propertyId);
    const at = `body.values.${i}`;
    if (!property) return [{ path: `${at}.propertyId`, message: 'No such property' }];
    if (property.type === 'list') {
      const ok = options.some((o) => o.id === v.optionId && o.propertyId === property.id);
      return ok ? [] : [{ path: `${at}.optionId`, message: 'Choose one of the property’s options' }];
    }
    if (property.type === 'number')
      return v.number === undefined ? [{ path: `${at}.number`, message: 'Enter a number' }] : [];
    return v.text === undefined ? [{ path: `${at}.text`, message: 'Enter a value' }] : [];
  });
  if (problems.length > 0) throw invalid(problems);
  await db.transaction(async (tx) => {
    await tx.delete(productPropertyValues).where(eq(productPropertyValues.productId, productId));
    if (body.values.length === 0) return;
    await tx.insert(productPropertyValues).values(
      body.values.map((v) => {
        const type = known.find((p) => p.id === v.propertyId)?.type;
        return {
          id: uuidv7(),
          productId,
          propertyId: v.propertyId,
          optionId: type === 'list' ? (v.optionId ?? null) : null,
          numberValue: type === 'number' ? (v.number ?? null) : null,
          textValue: type === 'text' ? (v.text ?? null) : null,
        };
      }),
    );
  });
}

/** Replaces a product's related and analogue links. */
export async function setRelations(db: Db, productId: string, body: z.infer<typeof relationsBody>) {
  await requireProduct(db, productId);
  for (const [key, ids] of [
    ['related', body.related],
    ['analogues', body.analogues],
  ] as const) {
    const self = ids.indexOf(productId);
    if (self >= 0)
      throw invalid({ path: `body.${key}.${self}`, message: 'A product cannot be linked to itself' });
    await checkProducts(db, ids, `body.${key}`);
  }
  await db.transaction(async (tx) => {
    await tx.delete(productRelations).where(eq(productRelations.productId, productId));
    const rows = [
      ...[...new Set(body.related)].map((relatedId, position) => ({
        productId,
        relatedId,
        kind: 'related' as const,
        position,
      })),
      ...[...new Set(body.analogues)].map((relatedId, position) => ({
        productId,
        relatedId,
        kind: 'analogue' as const,
        position,
      })),
    ];
    if (rows.length > 0) await tx.insert(productRelations).values(rows);
  });
}

/** Sets the quantity on hand of a variant at a warehouse (reserved stays with orders). */
export async function setStock(db: Db, request: FastifyRequest, body: z.infer<typeof stockBody>) {
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(eq(productVariants.id, body.variantId));
  if (!variant) throw invalid({ path: 'body.variantId', message: 'No such variant' });
  const [warehouse] = await db
    .select({ id: warehouses.id })
    .from(warehouses)
    .where(eq(warehouses.id, body.warehouseId));
  if (!warehouse) throw invalid({ path: 'body.warehouseId', message: 'No such warehouse' });
  await db.transaction(async (tx) => {
    await tx
      .insert(stock)
      .values({ variantId: body.variantId, warehouseId: body.warehouseId, onHand: body.onHand })
      .onConflictDoUpdate({
        target: [stock.variantId, stock.warehouseId],
        set: { onHand: body.onHand, updatedAt: new Date() },
      });
    await recordAudit(tx, request, {
      action: 'catalog.stock_set',
      subject: body.variantId,
      details: { ...body },
    });
  });
}

/** Replaces a variant's prices (quantity breaks) in one price list; audited. */
export async function setVariantPrices(
  db: Db,
  request: FastifyRequest,
  variantId: string,
  body: z.infer<typeof variantPricesBody>,
) {
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  if (!variant) throw notFound('variant');
  const [list] = await db
    .select({ id: priceLists.id })
    .from(priceLists)
    .where(eq(priceLists.id, body.priceListId));
  if (!list) throw invalid({ path: 'body.priceListId', message: 'No such price list' });
  const seen = new Set<number>();
  for (const [i, b] of body.breaks.entries()) {
    if (seen.has(b.minQty))
      throw invalid({ path: `body.breaks.${i}.minQty`, message: 'Each quantity break once' });
    seen.add(b.minQty);
  }
  await db.transaction(async (tx) => {
    const before = await tx
      .delete(prices)
      .where(and(eq(prices.variantId, variantId), eq(prices.priceListId, body.priceListId)))
      .returning({ minQty: prices.minQty, amount: prices.amount });
    if (body.breaks.length > 0) {
      await tx
        .insert(prices)
        .values(body.breaks.map((b) => ({ priceListId: body.priceListId, variantId, ...b })));
    }
    await recordAudit(tx, request, {
      action: 'catalog.prices_changed',
      subject: variantId,
      details: { priceListId: body.priceListId, from: before, to: body.breaks },
    });
  });
}
