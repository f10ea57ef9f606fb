import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Text messages "sent" by the development SMS provider, for the admin and the tests to read. */
export const devSms = pgTable(
  'dev_sms',
  {
    id: uuid('id').primaryKey(),
    /** E.164 phone number, e.g. +79161234567. */
    to: text('to').notNull(),
    text: text('text').notNull(),
    /** What the message was for (sign-in code, phone verification, …), for filtering. */
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_sms_to_idx').on(t.to, t.id)],
);
