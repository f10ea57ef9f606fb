import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { recordAudit } from '../../audit/audit.service.js';
import { ensureDefaultPriceList } from '../catalog.service.js';
import {
  categories,
  priceLists,
  prices,
  productImages,
  products,
  productVariants,
} from '../catalog.tables.js';
import { mediaUrl } from '../media/media-urls.js';
import { checkCategory, checkGroups, checkProducts, invalid, isUniqueViolation, notFound } from './common.js';
import type { BulkEdit, CreateProduct, UpdateProduct } from './products.schema.js';
import { sanitizeDescription } from './rich-text.js';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Products by name (then id), filtered by search text (name or SKU), category and status; keyset paginated. */
export async function listProducts(
  db: Db,
  filter: {
    q?: string | undefined;
    categoryId?: string | undefined;
    status?: 'active' | 'archived' | undefined;
  },
  page: { limit: number; after?: [string, string] | undefined },
) {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = likePattern(filter.q);
    where.push(or(ilike(products.name, pattern), ilike(products.sku, pattern)) as SQL);
  }
  if (filter.categoryId) {
    // A category lists its whole subtree.
    where.push(
      sql`${products.categoryId} in (select ${categories.id} from ${categories} where ${categories.path} @> array[${filter.categoryId}]::uuid[])`,
    );
  }
  if (filter.status) where.push(eq(products.status, filter.status));
  if (page.after) {
    const [name, id] = page.after;
    where.push(or(gt(products.name, name), and(eq(products.name, name), gt(products.id, id))) as SQL);
  }
  return db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      brand: products.brand,
      status: products.status,
      categoryId: products.categoryId,
      categoryName: categories.name,
      visibleGroupIds: products.visibleGroupIds,
      updatedAt: products.updatedAt,
      price: sql<number | null>`(select ${prices.amount} from ${prices}
        join ${productVariants} on ${productVariants.id} = ${prices.variantId} and ${productVariants.isDefault}
        join ${priceLists} on ${priceLists.id} = ${prices.priceListId} and ${priceLists.isDefault}
        where ${productVariants.productId} = ${products.id} order by ${prices.minQty} limit 1)`.mapWith(
        Number,
      ),
      thumbKey: sql<string | null>`(select ${productImages.thumbKey} from ${productImages}
        where ${productImages.productId} = ${products.id} and ${productImages.thumbKey} <> '' order by ${productImages.position}, ${productImages.id} limit 1)`,
    })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(products.name), asc(products.id))
    .limit(page.limit + 1);
}

/** One row of the product list, presented. */
export function presentListItem(row: Awaited<ReturnType<typeof listProducts>>[number]) {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    status: row.status,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    visibleGroupIds: row.visibleGroupIds,
    price: row.price === null || Number.isNaN(row.price) ? null : row.price,
    thumbUrl: row.thumbKey ? mediaUrl(row.thumbKey) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Checks the references of product fields (category, customer groups). */
async function checkRefs(db: Db, body: UpdateProduct) {
  await checkCategory(db, body.categoryId, 'body.categoryId');
  await checkGroups(db, body.visibleGroupIds, 'body.visibleGroupIds');
}

const skuTaken = () =>
  new AppError('CONFLICT', 'This SKU is already used', [
    { path: 'body.sku', message: 'This SKU is already used' },
  ]);

/** Creates a product with its default variant (same SKU) and, when given, its retail price. */
export async function createProduct(db: Db, request: FastifyRequest, body: CreateProduct): Promise<string> {
  await checkRefs(db, body);
  const { price, description, ...fields } = body;
  const id = uuidv7();
  try {
    await db.transaction(async (tx) => {
      await tx
        .insert(products)
        .values({ id, ...fields, description: sanitizeDescription(description ?? '') });
      const variantId = uuidv7();
      await tx
        .insert(productVariants)
        .values({ id: variantId, productId: id, sku: body.sku, isDefault: true });
      if (price !== undefined) {
        const priceListId = await ensureDefaultPriceList(tx);
        await tx.insert(prices).values({ priceListId, variantId, minQty: 1, amount: price });
      }
      await recordAudit(tx, request, {
        action: 'catalog.product_created',
        subject: id,
        details: { sku: body.sku, price: price ?? null, visibleGroupIds: body.visibleGroupIds ?? null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw skuTaken();
    throw error;
  }
  return id;
}

/** Changes product fields; a visibility or status change is audited. */
export async function updateProduct(db: Db, request: FastifyRequest, id: string, body: UpdateProduct) {
  await checkRefs(db, body);
  const { description, ...fields } = body;
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update');
      if (!before) throw notFound('product');
      await tx
        .update(products)
        .set({
          ...fields,
          ...(description !== undefined ? { description: sanitizeDescription(description) } : {}),
          updatedAt: new Date(),
        })
        .where(eq(products.id, id));
      // The default variant carries the product's SKU when it had the same one.
      if (fields.sku && fields.sku !== before.sku) {
        await tx
          .update(productVariants)
          .set({ sku: fields.sku, updatedAt: new Date() })
          .where(
            and(
              eq(productVariants.productId, id),
              eq(productVariants.isDefault, true),
              eq(productVariants.sku, before.sku),
            ),
          );
      }
      if (fields.visibleGroupIds !== undefined && !sameIds(before.visibleGroupIds, fields.visibleGroupIds)) {
        await recordAudit(tx, request, {
          action: 'catalog.product_visibility_changed',
          subject: id,
          details: { from: before.visibleGroupIds, to: fields.visibleGroupIds },
        });
      }
      if (fields.status && fields.status !== before.status) {
        await recordAudit(tx, request, {
          action: 'catalog.product_status_changed',
          subject: id,
          details: { from: before.status, to: fields.status },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw skuTaken();
    throw error;
  }
}

function sameIds(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Applies one change to many products in a single transaction: every id is checked first, and any failure
 * leaves all of them as they were.
 */
export async function bulkEditProducts(db: Db, request: FastifyRequest, body: BulkEdit) {
  const ids = [...new Set(body.productIds)];
  const { set, priceChange } = body;
  if (Object.keys(set).length === 0 && !priceChange) {
    throw invalid({ path: 'body.set', message: 'Choose what to change' });
  }
  await checkProducts(db, body.productIds, 'body.productIds');
  await checkCategory(db, set.categoryId, 'body.set.categoryId');
  await checkGroups(db, set.visibleGroupIds, 'body.set.visibleGroupIds');
  if (priceChange) {
    const [list] = await db
      .select({ id: priceLists.id })
      .from(priceLists)
      .where(eq(priceLists.id, priceChange.priceListId));
    if (!list) throw invalid({ path: 'body.priceChange.priceListId', message: 'No such price list' });
  }
  let pricesChanged = 0;
  await db.transaction(async (tx) => {
    if (Object.keys(set).length > 0) {
      await tx
        .update(products)
        .set({ ...set, updatedAt: new Date() })
        .where(inArray(products.id, ids));
    }
    if (priceChange) {
      const factor = 1 + priceChange.percent / 100;
      const changed = await tx
        .update(prices)
        .set({ amount: sql`round(${prices.amount} * ${factor}::numeric)`, updatedAt: new Date() })
        .where(
          and(
            eq(prices.priceListId, priceChange.priceListId),
            inArray(
              prices.variantId,
              tx
                .select({ id: productVariants.id })
                .from(productVariants)
                .where(inArray(productVariants.productId, ids)),
            ),
          ),
        )
        .returning({ variantId: prices.variantId });
      pricesChanged = changed.length;
    }
    await recordAudit(tx, request, {
      action: 'catalog.products_bulk_edited',
      subject: null,
      details: { productIds: ids, set, priceChange: priceChange ?? null },
    });
  });
  return { updated: ids.length, pricesChanged };
}
