import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Each SMS code asked for, by number and IP, so that codes cannot be requested without limit. */
export const phoneCodeRequests = pgTable(
  'phone_code_requests',
  {
    id: uuid('id').primaryKey(),
    /** E.164 number the code went to. */
    phone: text('phone').notNull(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('phone_code_requests_phone_idx').on(t.phone, t.createdAt),
    index('phone_code_requests_ip_idx').on(t.ip, t.createdAt),
  ],
);
