import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../companies/companies.tables.js';
import { users } from '../people/people.tables.js';

/**
 * Delivery addresses. The owner is either a person (their own B2C addresses) or a company (its delivery
 * points, each optionally with a consignee for the shipping documents); exactly one of the two is set.
 * Each owner has at most one default address (partial unique indexes).
 */
export const deliveryAddresses = pgTable(
  'delivery_addresses',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    recipientName: text('recipient_name').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    postalCode: text('postal_code').notNull(),
    region: text('region').notNull(),
    city: text('city').notNull(),
    /** Street, house, building: one free line as people write it. */
    line: text('line').notNull(),
    flat: text('flat'),
    comment: text('comment'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Грузополучатель of a company address; null on personal addresses. */
    consigneeName: text('consignee_name'),
    consigneeInn: text('consignee_inn'),
    consigneeKpp: text('consignee_kpp'),
    consigneeContact: text('consignee_contact'),
    consigneePhone: text('consignee_phone'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('delivery_addresses_one_owner', sql`(${t.userId} is null) <> (${t.companyId} is null)`),
    check('delivery_addresses_location_pair', sql`(${t.lat} is null) = (${t.lon} is null)`),
    uniqueIndex('delivery_addresses_user_default_idx').on(t.userId).where(sql`${t.isDefault}`),
    uniqueIndex('delivery_addresses_company_default_idx').on(t.companyId).where(sql`${t.isDefault}`),
    index('delivery_addresses_user_idx').on(t.userId),
    index('delivery_addresses_company_idx').on(t.companyId),
  ],
);
