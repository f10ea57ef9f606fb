import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../people/people.tables.js';

/** Customer (price) groups: a company belongs to at most one; prices and section access read it. */
export const customerGroups = pgTable('customer_groups', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

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
    postalAddress: text('postal_address'),
    /** Credit limit in kopecks; null when none is set. */
    creditLimit: bigint('credit_limit', { mode: 'number' }),
    /** Days of deferral for deferred-payment orders: due date = first shipment + these days (finance module). */
    paymentTermDays: integer('payment_term_days').notNull().default(0),
    /** The business's staff person who looks after this company. */
    managerId: text('manager_id').references(() => users.id, { onDelete: 'set null' }),
    customerGroupId: uuid('customer_group_id').references(() => customerGroups.id, { onDelete: 'set null' }),
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
    check('companies_payment_term_check', sql`${t.paymentTermDays} between 0 and 3650`),
  ],
);

/** Roles a company admin assembles from org permission keys (src/shared/permissions.ts). */
export const companyRoles = pgTable(
  'company_roles',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('company_roles_name_uq').on(t.companyId, t.name),
    unique('company_roles_scope_uq').on(t.companyId, t.id),
  ],
);

/** Bank accounts of a company; exactly one of them may be primary. */
export const companyBankAccounts = pgTable(
  'company_bank_accounts',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    bankName: text('bank_name').notNull(),
    bik: text('bik').notNull(),
    settlementAccount: text('settlement_account').notNull(),
    correspondentAccount: text('correspondent_account'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('company_bank_accounts_primary_idx').on(t.companyId).where(sql`${t.isPrimary}`),
    index('company_bank_accounts_company_idx').on(t.companyId),
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
    /** A built-in org role, or 'custom' with `customRoleId` set. */
    role: text('role').notNull(),
    customRoleId: uuid('custom_role_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    // The custom role must belong to the same company: the key includes the company id.
    foreignKey({
      name: 'company_members_custom_role_fk',
      columns: [t.companyId, t.customRoleId],
      foreignColumns: [companyRoles.companyId, companyRoles.id],
    }),
    check('company_members_custom_role_check', sql`(${t.role} = 'custom') = (${t.customRoleId} is not null)`),
  ],
);

/** Invitations to join a company; only a hash of the token is stored. */
export const companyInvitations = pgTable(
  'company_invitations',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').notNull(),
    customRoleId: uuid('custom_role_id'),
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status', { enum: ['pending', 'accepted', 'revoked'] })
      .notNull()
      .default('pending'),
    invitedBy: text('invited_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'company_invitations_custom_role_fk',
      columns: [t.companyId, t.customRoleId],
      foreignColumns: [companyRoles.companyId, companyRoles.id],
    }).onDelete('cascade'),
    // One open invitation per address and company; resend renews it.
    uniqueIndex('company_invitations_pending_idx')
      .on(t.companyId, t.email)
      .where(sql`${t.status} = 'pending'`),
  ],
);
