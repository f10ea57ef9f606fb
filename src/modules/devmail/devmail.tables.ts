import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mail "sent" while no SMTP server is configured, for the admin and the tests to read. */
export const devMailbox = pgTable('dev_mailbox', {
  id: uuid('id').primaryKey(),
  from: text('from').notNull(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html'),
  locale: text('locale').notNull(),
  template: text('template').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
