import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { productVisible, uuidArray } from '../catalog/browse/visibility.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import { assertCart, type CartContext, ensurePersonalCart, hashGuestToken } from './carts.access.js';
import { fitQuantity } from './carts.quantity.js';
import { maxCartLines } from './carts.schema.js';

/** A variant as the cart needs it: what it is, its ordering rules and whether the context may buy it. */
export interface VariantFacts {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number;
  minOrderQty: number;
  visible: boolean;
}

const factsSelect = (groupId: string | null) => sql`select v.id as "variantId", v.product_id as "productId",
    v.sku, p.name, p.unit, p.pack_size::float8 as "packSize", p.min_order_qty::float8 as "minOrderQty",
    (v.status = 'active' and ${productVisible(groupId)}) as visible
  from product_variants v join products p on p.id = v.product_id`;

/** Facts of variants by id, in one query. */
export async function variantFacts(
  db: Db,
  ctx: CartContext,
  ids: string[],
): Promise<Map<string, VariantFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<VariantFacts>(
    db,
    sql`${factsSelect(ctx.pricing.customerGroupId)} where v.id = any(${uuidArray(ids)})`,
  );
  return new Map(rows.map((r) => [r.variantId, r]));
}

/** Facts of variants by SKU (case-insensitive), in one query; keys are lower-cased SKUs. */
export async function variantFactsBySku(
  db: Db,
  ctx: CartContext,
  skus: string[],
): Promise<Map<string, VariantFacts>> {
  if (skus.length === 0) return new Map();
  const rows = await queryRows<VariantFacts>(
    db,
    sql`${factsSelect(ctx.pricing.customerGroupId)}
      where lower(v.sku) in (select jsonb_array_elements_text(${JSON.stringify(skus.map((s) => s.toLowerCase()))}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.sku.toLowerCase(), r]));
}

/** The outcome of adding lines: how many were added, which quantities were corrected and what could not be. */
export interface AddResult {
  added: number;
  corrected: Array<{ variantId: string; asked: number; set: number; reason: 'minimum' | 'multiple' }>;
  unavailable: Array<{ variantId: string; reason: 'unavailable' | 'no_price' }>;
}

/**
 * Adds lines to a cart (to the quantity already there), raising each to the minimum order and rounding it up to
 * the pack multiplicity; variants the context cannot buy are reported, not added. Used by "add to cart", quick
 * order and "repeat order".
 */
export async function addLines(
  db: Db,
  ctx: CartContext,
  cartId: string,
  lines: Array<{ variantId: string; quantity: number }>,
): Promise<AddResult> {
  await assertCart(db, ctx, cartId);
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.variantId, (asked.get(l.variantId) ?? 0) + l.quantity);
  const facts = await variantFacts(db, ctx, [...asked.keys()]);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from carts where id = ${cartId}::uuid for update`);
    const existing = new Map(
      (
        await queryRows<{ variant_id: string; quantity: number }>(
          tx,
          sql`select variant_id, quantity::float8 as quantity from cart_lines where cart_id = ${cartId}::uuid`,
        )
      ).map((r) => [r.variant_id, r.quantity]),
    );
    const result: AddResult = { added: 0, corrected: [], unavailable: [] };
    const accepted: Array<{ f: VariantFacts; quantity: number }> = [];
    for (const [variantId, quantity] of asked) {
      const f = facts.get(variantId);
      if (!f?.visible) {
        result.unavailable.push({ variantId, reason: 'unavailable' });
        continue;
      }
      const want = (existing.get(variantId) ?? 0) + quantity;
      const fit = fitQuantity(want, f.packSize, f.minOrderQty);
      if (fit.reason)
        result.corrected.push({ variantId, asked: quantity, set: fit.quantity, reason: fit.reason });
      accepted.push({ f, quantity: fit.quantity });
    }
    const prices = await priceLines(
      tx,
      ctx.pricing,
      accepted.map((a) => ({ productId: a.f.productId, variantId: a.f.variantId, quantity: a.quantity })),
    );
    const rows = accepted.flatMap((a, i) => {
      const price = prices[i];
      if (!price) {
        result.unavailable.push({ variantId: a.f.variantId, reason: 'no_price' });
        result.corrected = result.corrected.filter((c) => c.variantId !== a.f.variantId);
        return [];
      }
      return [{ variantId: a.f.variantId, quantity: a.quantity, price: price.unitPrice }];
    });
    const newOnes = rows.filter((r) => !existing.has(r.variantId)).length;
    if (existing.size + newOnes > maxCartLines) {
      throw new AppError('CART_FULL', `A cart holds at most ${maxCartLines} lines`);
    }
    if (rows.length > 0) {
      await tx.execute(sql`insert into cart_lines (cart_id, variant_id, quantity, added_price)
        select ${cartId}::uuid, x.variant_id, x.quantity, x.price
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ variant_id: r.variantId, quantity: r.quantity, price: r.price })))}::jsonb)
          as x(variant_id uuid, quantity numeric, price bigint)
        on conflict (cart_id, variant_id) do update set quantity = excluded.quantity`);
      await touch(tx, cartId);
    }
    result.added = rows.length;
    return result;
  });
}

async function touch(db: Db, cartId: string): Promise<void> {
  await db.execute(sql`update carts set updated_at = now() where id = ${cartId}::uuid`);
}

/**
 * Sets a line's quantity (fitted to the minimum order and pack multiplicity); the correction, if any, is
 * returned. NOT_FOUND when the variant is not in the cart.
 */
export async function setQuantity(
  db: Db,
  ctx: CartContext,
  cartId: string,
  variantId: string,
  quantity: number,
): Promise<AddResult['corrected'][number] | null> {
  await assertCart(db, ctx, cartId);
  const f = (await variantFacts(db, ctx, [variantId])).get(variantId);
  const fit = f ? fitQuantity(quantity, f.packSize, f.minOrderQty) : { quantity, reason: null };
  const updated = await queryRows(
    db,
    sql`update cart_lines set quantity = ${fit.quantity} where cart_id = ${cartId}::uuid
      and variant_id = ${variantId}::uuid returning variant_id`,
  );
  if (updated.length === 0) throw new AppError('NOT_FOUND', 'The product is not in this cart');
  await touch(db, cartId);
  return fit.reason ? { variantId, asked: quantity, set: fit.quantity, reason: fit.reason } : null;
}

/** Removes a line; NOT_FOUND when the variant is not in the cart. */
export async function removeLine(db: Db, ctx: CartContext, cartId: string, variantId: string): Promise<void> {
  await assertCart(db, ctx, cartId);
  const removed = await queryRows(
    db,
    sql`delete from cart_lines where cart_id = ${cartId}::uuid and variant_id = ${variantId}::uuid returning variant_id`,
  );
  if (removed.length === 0) throw new AppError('NOT_FOUND', 'The product is not in this cart');
  await touch(db, cartId);
}

/** Removes every line of a cart the context may see. */
export async function clearCart(db: Db, ctx: CartContext, cartId: string): Promise<void> {
  await assertCart(db, ctx, cartId);
  await db.execute(sql`delete from cart_lines where cart_id = ${cartId}::uuid`);
  await touch(db, cartId);
}

/** The plain lines of a cart for checkout (access is the caller's to check, e.g. through cartView). */
export async function linesForCheckout(
  db: Db,
  cartId: string,
): Promise<Array<{ variantId: string; quantity: number }>> {
  return queryRows(
    db,
    sql`select variant_id as "variantId", quantity::float8 as quantity from cart_lines
      where cart_id = ${cartId}::uuid order by added_at, variant_id`,
  );
}

/** Empties a cart inside the transaction that placed an order from it. */
/** The lines of a cart the context may see, for checkout; NOT_FOUND for another person's or company's cart. */
export async function checkoutLinesOf(
  db: Db,
  ctx: CartContext,
  cartId: string,
): Promise<Array<{ variantId: string; quantity: number }>> {
  await assertCart(db, ctx, cartId);
  return linesForCheckout(db, cartId);
}

export async function emptyCartAfterOrder(tx: Db, cartId: string): Promise<void> {
  await tx.execute(sql`delete from cart_lines where cart_id = ${cartId}::uuid`);
  await touch(tx, cartId);
}

/**
 * Moves a guest's cart into the person's personal cart (quantities of the same variant are summed) and deletes
 * the guest cart; returns how many lines were merged (0 when the token has no cart).
 */
export async function mergeGuestCart(db: Db, guestToken: string, userId: string): Promise<number> {
  const hash = hashGuestToken(guestToken);
  const [guest] = await queryRows<{ id: string }>(
    db,
    sql`select id from carts where kind = 'guest' and guest_token_hash = ${hash}`,
  );
  if (!guest) return 0;
  const personal = await ensurePersonalCart(db, userId);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from carts where id = ${personal}::uuid for update`);
    const moved = await queryRows(
      tx,
      sql`insert into cart_lines (cart_id, variant_id, quantity, added_price, added_at)
        select ${personal}::uuid, g.variant_id, g.quantity, g.added_price, g.added_at
        from cart_lines g where g.cart_id = ${guest.id}::uuid
        order by g.added_at limit ${maxCartLines}
        on conflict (cart_id, variant_id) do update set quantity = cart_lines.quantity + excluded.quantity
        returning variant_id`,
    );
    await tx.execute(sql`delete from carts where id = ${guest.id}::uuid`);
    await touch(tx, personal);
    return moved.length;
  });
}

/** Creates a named company cart (shopping list) of a member. */
export async function createCompanyCart(
  db: Db,
  companyId: string,
  userId: string,
  body: { name: string; shared: boolean },
): Promise<string> {
  const id = uuidv7();
  await db.execute(sql`insert into carts (id, kind, user_id, company_id, name, shared)
    values (${id}, 'company', ${userId}, ${companyId}::uuid, ${body.name}, ${body.shared})`);
  return id;
}

/** Renames or (un)shares a company cart; only the member who created it may. */
export async function updateCompanyCart(
  db: Db,
  ctx: CartContext,
  cartId: string,
  patch: { name?: string | undefined; shared?: boolean | undefined },
): Promise<void> {
  await assertOwnCart(db, ctx, cartId);
  await db.execute(sql`update carts set name = coalesce(${patch.name ?? null}, name),
    shared = coalesce(${patch.shared ?? null}::boolean, shared), updated_at = now() where id = ${cartId}::uuid`);
}

/** Deletes a named company cart; only its creator may, and a member's default cart stays. */
export async function deleteCompanyCart(db: Db, ctx: CartContext, cartId: string): Promise<void> {
  const own = await assertOwnCart(db, ctx, cartId);
  if (own.is_default) throw new AppError('CONFLICT', 'The default cart cannot be deleted: clear it instead');
  await db.execute(sql`delete from carts where id = ${cartId}::uuid`);
}

async function assertOwnCart(db: Db, ctx: CartContext, cartId: string) {
  await assertCart(db, ctx, cartId);
  const [row] = await queryRows<{ user_id: string; is_default: boolean }>(
    db,
    sql`select user_id, is_default from carts where id = ${cartId}::uuid`,
  );
  if (!row || row.user_id !== ctx.pricing.userId) {
    throw new AppError('FORBIDDEN', 'Only the member who created the cart can change it');
  }
  return row;
}
