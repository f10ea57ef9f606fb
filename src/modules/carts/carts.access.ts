import { createHash, randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';

/**
 * Who asks for a cart: the pricing context of the scope (public, me, org) and, for guests, the hash of the
 * token in the `kabinet_cart` cookie.
 */
export interface CartContext {
  pricing: PricingContext;
  guestTokenHash?: string | null;
}

/** The cookie that carries a guest's cart token. */
export const guestCartCookie = 'kabinet_cart';

/** A fresh opaque guest token. */
export function newGuestToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a guest token: its SHA-256, hex. */
export function hashGuestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Rows of `carts c` the context may see: its guest cart, the person's own, or the company's own and shared. */
export function cartsVisibleTo(ctx: CartContext): SQL {
  const p = ctx.pricing;
  if (p.scope === 'public') {
    if (!ctx.guestTokenHash) return sql`false`;
    return sql`c.kind = 'guest' and c.guest_token_hash = ${ctx.guestTokenHash}`;
  }
  if (!p.userId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  if (p.scope === 'me') return sql`c.kind = 'personal' and c.user_id = ${p.userId}`;
  return sql`c.kind = 'company' and c.company_id = ${p.companyId}::uuid
    and (c.user_id = ${p.userId} or c.shared)`;
}

/** The cart id if the context may see it; NOT_FOUND otherwise (another company's cart looks the same). */
export async function assertCart(db: Db, ctx: CartContext, cartId: string): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from carts c where c.id = ${cartId}::uuid and ${cartsVisibleTo(ctx)}`,
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such cart');
  return rows[0].id;
}

/** The person's personal cart, created on first use. */
export async function ensurePersonalCart(db: Db, userId: string): Promise<string> {
  await db.execute(sql`insert into carts (id, kind, user_id, is_default) values (${uuidv7()}, 'personal', ${userId}, true)
    on conflict (user_id) where kind = 'personal' do nothing`);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from carts where kind = 'personal' and user_id = ${userId}`,
  );
  if (!row) throw new AppError('INTERNAL', 'Personal cart missing');
  return row.id;
}

/** A member's default cart in a company, created on first use. */
export async function ensureCompanyDefaultCart(db: Db, companyId: string, userId: string): Promise<string> {
  await db.execute(sql`insert into carts (id, kind, user_id, company_id, is_default)
    values (${uuidv7()}, 'company', ${userId}, ${companyId}::uuid, true)
    on conflict (company_id, user_id) where is_default do nothing`);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from carts where company_id = ${companyId}::uuid and user_id = ${userId} and is_default`,
  );
  if (!row) throw new AppError('INTERNAL', 'Default cart missing');
  return row.id;
}

/** The guest cart of a token hash, created on first use. */
export async function ensureGuestCart(db: Db, tokenHash: string): Promise<string> {
  await db.execute(sql`insert into carts (id, kind, guest_token_hash) values (${uuidv7()}, 'guest', ${tokenHash})
    on conflict (guest_token_hash) do nothing`);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from carts where guest_token_hash = ${tokenHash}`,
  );
  if (!row) throw new AppError('INTERNAL', 'Guest cart missing');
  return row.id;
}
