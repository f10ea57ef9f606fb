import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A company's approval settings (one row per company, absent = defaults): how long an order waiting for an
 * approver keeps its stock reserved. The rules themselves are `approval_rules` in orders.tables.ts.
 */
export const approvalSettings = pgTable('approval_settings', {
  companyId: uuid('company_id').primaryKey(),
  holdHours: integer('hold_hours').notNull().default(48),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
