import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../people/people.tables.js';

/** Counterparty organisations: clients, partners and suppliers of the business. */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    legalName: text('legal_name').notNull(),
    kinds: text('kinds').array().notNull(),
    inn: text('inn').notNull(),
    kpp: text('kpp'),
    ogrn: text('ogrn'),
    legalAddress: text('legal_address'),
    /** Self-registered companies wait for staff approval. */
    status: text('status', { enum: ['pending', 'active', 'rejected'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One company per INN+KPP: branches of one legal entity share the INN and differ by KPP.
    uniqueIndex('companies_inn_kpp_idx').on(t.inn, sql`coalesce(${t.kpp}, '')`),
    check('companies_kinds_check', sql`${t.kinds} <@ array['client', 'partner', 'supplier']::text[]`),
  ],
);

/** Membership of a person in a company, with the org role that decides what they may do there. */
export const companyMembers = pgTable(
  'company_members',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] })],
);
