import { boolean, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * People who can sign in. The column set follows Better Auth's `user` model (text ids, emailVerified,
 * image) so that identity (issue 3) can adopt this table instead of creating a second one.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  /** E.164 number; set only once confirmed by an SMS code (Better Auth's phoneNumber plugin). */
  phone: text('phone').unique(),
  phoneNumberVerified: boolean('phone_number_verified').notNull().default(false),
  locale: text('locale', { enum: ['ru', 'en'] })
    .notNull()
    .default('ru'),
  timeZone: text('time_zone').notNull().default('Europe/Moscow'),
  /** Version of the personal-data consent text the person agreed to at sign-up, and when. */
  consentVersion: text('consent_version'),
  consentAt: timestamp('consent_at', { withTimezone: true }),
  /** Sign-in asks for a second factor (Better Auth's two-factor plugin). */
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  /** Set while staff have blocked the person: no sign-in, no sessions. */
  blockedAt: timestamp('blocked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Back-office staff: a person with staff roles (see src/shared/permissions.ts). */
export const staffMembers = pgTable('staff_members', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  roles: text('roles').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Employees of the business, for the employee cabinet (HR self-service). */
export const employees = pgTable('employees', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  position: text('position').notNull(),
  department: text('department').notNull(),
  hiredOn: date('hired_on').notNull(),
});
