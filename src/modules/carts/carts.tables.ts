import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { productVariants } from '../catalog/catalog.tables.js';
import { companies } from '../companies/companies.tables.js';
import { users } from '../people/people.tables.js';

/**
 * Carts. The owner is a person (their personal cart, company null), a company (named carts, shopping lists:
 * created by a member, private to them unless `shared`), or a guest (only the SHA-256 of the opaque token in
 * the `kabinet_cart` cookie is stored). A member's default company cart is the one with `is_default`.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['personal', 'company', 'guest'] }).notNull(),
    /** The person (personal) or the member who created the company cart. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the guest token. */
    guestTokenHash: text('guest_token_hash'),
    name: text('name'),
    shared: boolean('shared').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'carts_owner_check',
      sql`(${t.kind} = 'personal' and ${t.userId} is not null and ${t.companyId} is null)
        or (${t.kind} = 'company' and ${t.userId} is not null and ${t.companyId} is not null)
        or (${t.kind} = 'guest' and ${t.guestTokenHash} is not null and ${t.userId} is null)`,
    ),
    uniqueIndex('carts_personal_idx').on(t.userId).where(sql`${t.kind} = 'personal'`),
    uniqueIndex('carts_guest_idx').on(t.guestTokenHash),
    uniqueIndex('carts_company_default_idx').on(t.companyId, t.userId).where(sql`${t.isDefault}`),
    index('carts_company_idx').on(t.companyId, t.createdAt),
  ],
);

/** The lines of a cart: a variant, its quantity and the unit price seen when it was added (kopecks). */
export const cartLines = pgTable(
  'cart_lines',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    quantity: numeric('quantity', { precision: 15, scale: 3, mode: 'number' }).notNull(),
    /** Kopecks per unit when the line was added (null: the variant had no price then). */
    addedPrice: bigint('added_price', { mode: 'number' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.variantId] }),
    index('cart_lines_variant_idx').on(t.variantId),
    check('cart_lines_quantity_check', sql`${t.quantity} > 0`),
  ],
);
