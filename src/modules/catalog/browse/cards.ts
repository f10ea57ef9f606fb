import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../server/core/db.js';
import { imageUrls } from '../media/media-urls.js';
import { priceLines } from '../pricing/pricing.service.js';
import type { PricedLine, PricingContext } from '../pricing/pricing.types.js';
import type { CatalogPrice, CatalogStock, ProductCard } from './browse.schema.js';
import { presentStock, type WarehouseStock } from './stock-levels.js';
import { productVisible, uuidArray } from './visibility.js';

export interface CardRow {
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  unit: string;
  pack_size: number;
  min_order_qty: number;
  category_id: string | null;
  category_name: string | null;
  category_slug: string | null;
  variant_id: string | null;
  variant_count: number;
  image_id: string | null;
  image_key: string | null;
  thumb_key: string | null;
  image_alt: string | null;
  image_width: number | null;
  image_height: number | null;
}

/** A variant's stock at one warehouse (rows of `stockRows`). */
export interface StockRow extends WarehouseStock {
  productId: string;
  variantId: string;
}

/** Available stock of the active variants of products at active warehouses: one query. */
export async function stockRows(db: Db, productIds: string[]): Promise<StockRow[]> {
  if (productIds.length === 0) return [];
  return queryRows<StockRow>(
    db,
    sql`select v.product_id as "productId", v.id as "variantId", w.id as "warehouseId", w.name,
      w.delivery_days as "deliveryDays", w.position, s.available::float8 as available
    from stock s
    join product_variants v on v.id = s.variant_id and v.status = 'active'
    join warehouses w on w.id = s.warehouse_id and w.is_active
    where v.product_id = any(${uuidArray(productIds)})`,
  );
}

/** Sums variant rows per warehouse, so a product's stock is that of all its variants. */
export function perWarehouse(rows: StockRow[]): WarehouseStock[] {
  const byWarehouse = new Map<string, WarehouseStock>();
  for (const r of rows) {
    const known = byWarehouse.get(r.warehouseId);
    if (known) known.available += r.available;
    else byWarehouse.set(r.warehouseId, { ...r });
  }
  return [...byWarehouse.values()];
}

/** The pricing service's answer as the catalog shows it (field by field). */
export function presentPrice(line: PricedLine | null): CatalogPrice | null {
  if (!line) return null;
  return {
    currency: line.currency,
    unitPrice: line.unitPrice,
    basePrice: line.basePrice,
    quantity: line.quantity,
    rule: {
      source: line.rule.source,
      priceListName: line.rule.priceListName,
      breakMinQty: line.rule.breakMinQty,
      discount: line.rule.discount
        ? {
            name: line.rule.discount.name,
            percentBp: line.rule.discount.percentBp,
            minQty: line.rule.discount.minQty,
            scope: line.rule.discount.scope,
          }
        : null,
      promo: line.rule.promo ? { name: line.rule.promo.name, endsAt: line.rule.promo.endsAt } : null,
    },
    breaks: line.breaks.map((b) => ({ minQty: b.minQty, unitPrice: b.unitPrice })),
  };
}

/** Prices variants at their product's minimum order quantity, keyed by variant id: one pricing call. */
export async function priceVariants(
  db: Db,
  ctx: PricingContext,
  lines: Array<{ productId: string; variantId: string; quantity: number }>,
): Promise<Map<string, CatalogPrice | null>> {
  const priced = await priceLines(db, ctx, lines);
  return new Map(lines.map((l, i) => [l.variantId, presentPrice(priced[i] ?? null)]));
}

/**
 * Product cards for ids, in the order given, leaving out products the context may not see: one query for the
 * rows, one pricing call for the default variants, one for stock.
 */
export async function loadCards(db: Db, ctx: PricingContext, ids: string[]): Promise<ProductCard[]> {
  const rows = await loadCardRows(db, ctx, ids);
  const [priceByVariant, stock] = await Promise.all([
    priceVariants(db, ctx, cardPriceLines(rows)),
    stockRows(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return assembleCards(ids, rows, priceByVariant, stock, ctx.scope);
}

/** The card rows of the products among `ids` the context may see: one query. */
export async function loadCardRows(db: Db, ctx: PricingContext, ids: string[]): Promise<CardRow[]> {
  if (ids.length === 0) return [];
  return queryRows<CardRow>(
    db,
    sql`select p.id, p.sku, p.name, p.brand, p.unit, p.pack_size::float8 as pack_size,
      p.min_order_qty::float8 as min_order_qty, c.id as category_id, c.name as category_name,
      c.slug as category_slug, dv.id as variant_id,
      (select count(*)::int from product_variants v where v.product_id = p.id and v.status = 'active') as variant_count,
      img.id as image_id, img.storage_key as image_key, img.thumb_key, img.alt as image_alt,
      img.width as image_width, img.height as image_height
    from products p
    left join categories c on c.id = p.category_id
    left join product_variants dv on dv.product_id = p.id and dv.is_default
    left join lateral (select i.id, i.storage_key, i.thumb_key, i.alt, i.width, i.height from product_images i
      where i.product_id = p.id order by i.position, i.id limit 1) img on true
    where p.id = any(${uuidArray(ids)}) and ${productVisible(ctx.customerGroupId)}`,
  );
}

/** The pricing lines of cards: each product's default variant at its minimum order quantity. */
export function cardPriceLines(rows: CardRow[]) {
  return rows.flatMap((r) =>
    r.variant_id ? [{ productId: r.id, variantId: r.variant_id, quantity: r.min_order_qty }] : [],
  );
}

/** Cards in the order of `ids` from their rows, prices (by variant) and stock rows. */
export function assembleCards(
  ids: string[],
  rows: CardRow[],
  priceByVariant: Map<string, CatalogPrice | null>,
  stock: StockRow[],
  scope: PricingContext['scope'],
): ProductCard[] {
  const stockByProduct = groupBy(stock, (s) => s.productId);
  const byId = new Map(
    rows.map((r) => [
      r.id,
      presentCard(
        r,
        r.variant_id ? (priceByVariant.get(r.variant_id) ?? null) : null,
        presentStock(perWarehouse(stockByProduct.get(r.id) ?? []), scope),
      ),
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((c): c is ProductCard => c !== undefined);
}

function presentCard(r: CardRow, price: CatalogPrice | null, stock: CatalogStock): ProductCard {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    brand: r.brand,
    unit: r.unit,
    packSize: r.pack_size,
    minOrderQty: r.min_order_qty,
    category:
      r.category_id && r.category_name && r.category_slug
        ? { id: r.category_id, name: r.category_name, slug: r.category_slug }
        : null,
    image:
      r.image_id && r.image_key && r.thumb_key
        ? presentImage({
            id: r.image_id,
            storageKey: r.image_key,
            thumbKey: r.thumb_key,
            alt: r.image_alt ?? '',
            width: r.image_width,
            height: r.image_height,
          })
        : null,
    variantId: r.variant_id,
    variantCount: r.variant_count,
    price,
    stock,
  };
}

/** An image row with its public URLs. */
export function presentImage(i: {
  id: string;
  storageKey: string;
  thumbKey: string;
  alt: string;
  width: number | null;
  height: number | null;
}) {
  const urls = imageUrls(i);
  return {
    id: i.id,
    url: urls.original,
    mediumUrl: urls.medium,
    thumbUrl: urls.thumb,
    alt: i.alt,
    width: i.width,
    height: i.height,
  };
}

/** Groups items by a key. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
