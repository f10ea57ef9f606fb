import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './people.tables.js';

/**
 * Staff roles: named sets of back-office permission keys (src/shared/permissions.ts). The built-in ones
 * are seeded by a migration; an admin edits their permissions and adds roles of their own.
 */
export const staffRoles = pgTable('staff_roles', {
  key: text('key').primaryKey(),
  name: jsonb('name').$type<{ ru: string; en: string }>().notNull(),
  permissions: text('permissions').array().notNull().default([]),
  builtIn: boolean('built_in').notNull().default(false),
  /** Web sections (nav modules) the role may see; null means every section. */
  sections: text('sections').array(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An invitation to join the staff: the link carries a token whose SHA-256 is stored here. */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    roles: text('roles').array().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_invitations_email_idx').on(t.email)],
);
