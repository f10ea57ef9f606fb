import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed (or, for requests that send mail or texts, all) attempts per throttle key: `account:<e-mail>`,
 * `ip:<address>`, `code-ip:<address>`, `phone:<number>`, `reset:<e-mail>` … (see throttle.ts).
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
