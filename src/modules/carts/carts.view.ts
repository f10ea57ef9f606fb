import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { fewLeftThreshold } from '../catalog/browse/stock-levels.js';
import { productVisible } from '../catalog/browse/visibility.js';
import { mediaUrl } from '../catalog/media/media-urls.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import { type CartContext, cartsVisibleTo } from './carts.access.js';
import { isMultiple } from './carts.quantity.js';
import { type CartSummary, type CartView, maxCartLines } from './carts.schema.js';

interface CartRow {
  id: string;
  kind: 'personal' | 'company' | 'guest';
  name: string | null;
  shared: boolean;
  is_default: boolean;
  user_id: string | null;
  creator_name: string | null;
  line_count: number;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function presentSummary(ctx: CartContext, r: CartRow): CartSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    shared: r.shared,
    isDefault: r.is_default,
    mine: r.kind === 'guest' || r.user_id === ctx.pricing.userId,
    createdBy: r.kind === 'company' && r.user_id ? { id: r.user_id, name: r.creator_name ?? '' } : null,
    lineCount: r.line_count,
    updatedAt: iso(r.updated_at),
  };
}

const summarySelect = sql`select c.id, c.kind, c.name, c.shared, c.is_default, c.user_id, u.name as creator_name,
    (select count(*)::int from cart_lines l where l.cart_id = c.id) as line_count, c.updated_at
  from carts c left join users u on u.id = c.user_id`;

/** The carts the context sees (a member: their own and the shared ones), defaults first, then newest. */
export async function listCarts(db: Db, ctx: CartContext): Promise<CartSummary[]> {
  const rows = await queryRows<CartRow>(
    db,
    sql`${summarySelect} where ${cartsVisibleTo(ctx)} order by c.is_default desc, c.created_at desc limit 200`,
  );
  return rows.map((r) => presentSummary(ctx, r));
}

interface LineRow {
  variant_id: string;
  product_id: string;
  sku: string;
  name: string;
  variant_name: string;
  unit: string;
  pack_size: number;
  min_order_qty: number;
  weight: number | null;
  thumb_key: string | null;
  available: number;
  visible: boolean;
  quantity: number;
  added_price: number | null;
  added_at: Date | string;
}

/**
 * A cart with its lines re-priced live by the catalog pricing service (a fixed number of queries), each with
 * a note when its price changed since it was added and the problems that would stop an order.
 */
export async function cartView(db: Db, ctx: CartContext, cartId: string): Promise<CartView> {
  const [cart] = await queryRows<CartRow>(
    db,
    sql`${summarySelect} where c.id = ${cartId}::uuid and ${cartsVisibleTo(ctx)}`,
  );
  if (!cart) throw new AppError('NOT_FOUND', 'No such cart');
  const rows = await queryRows<LineRow>(
    db,
    sql`select l.variant_id, v.product_id, v.sku, p.name, v.name as variant_name, p.unit, p.pack_size::float8 as pack_size,
        p.min_order_qty::float8 as min_order_qty, p.weight::float8 as weight, img.thumb_key,
        coalesce((select sum(s.available) from stock s join warehouses w on w.id = s.warehouse_id
          where s.variant_id = l.variant_id and w.is_active), 0)::float8 as available,
        (v.status = 'active' and ${productVisible(ctx.pricing.customerGroupId)}) as visible,
        l.quantity::float8 as quantity, l.added_price::float8 as added_price, l.added_at
      from cart_lines l join product_variants v on v.id = l.variant_id join products p on p.id = v.product_id
      left join lateral (select i.thumb_key from product_images i where i.product_id = p.id
        order by i.position, i.id limit 1) img on true
      where l.cart_id = ${cartId}::uuid order by l.added_at, l.variant_id`,
  );
  const priced = await priceLines(
    db,
    ctx.pricing,
    rows.map((r) => ({ productId: r.product_id, variantId: r.variant_id, quantity: r.quantity })),
  );
  let sum = 0;
  let quantity = 0;
  let weight: number | null = 0;
  let currency = 'RUB';
  const lines = rows.map((r, i) => {
    const price = r.visible ? (priced[i] ?? null) : null;
    if (price) {
      sum += price.total;
      currency = price.currency;
    }
    quantity += r.quantity;
    weight = weight !== null && r.weight !== null ? weight + r.weight * r.quantity : null;
    const problems: CartView['lines'][number]['problems'] = [];
    if (!r.visible) problems.push('unavailable');
    else if (!price) problems.push('no_price');
    if (r.quantity < r.min_order_qty) problems.push('below_minimum');
    if (!isMultiple(r.quantity, r.pack_size)) problems.push('not_multiple');
    if (r.visible && r.available < r.quantity) problems.push('not_enough_stock');
    const total = Math.max(r.available, 0);
    return {
      variantId: r.variant_id,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      variantName: r.variant_name,
      unit: r.unit,
      packSize: r.pack_size,
      minOrderQty: r.min_order_qty,
      imageUrl: r.thumb_key ? mediaUrl(r.thumb_key) : null,
      stockLevel:
        total <= 0
          ? ('on_order' as const)
          : total <= fewLeftThreshold
            ? ('few_left' as const)
            : ('in_stock' as const),
      available: ctx.pricing.scope === 'org' ? Math.round(total * 1000) / 1000 : null,
      quantity: r.quantity,
      unitPrice: price?.unitPrice ?? null,
      lineTotal: price?.total ?? null,
      weight: r.weight,
      priceChanged:
        price && r.added_price !== null && r.added_price !== price.unitPrice
          ? { was: r.added_price, now: price.unitPrice }
          : null,
      problems,
      addedAt: iso(r.added_at),
    };
  });
  return {
    ...presentSummary(ctx, cart),
    currency,
    lines,
    totals: {
      items: lines.length,
      quantity: Math.round(quantity * 1000) / 1000,
      sum,
      weight: weight === null ? null : Math.round((weight as number) * 1000) / 1000,
    },
    maxLines: maxCartLines,
  };
}
