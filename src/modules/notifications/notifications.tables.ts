import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../people/people.tables.js';

/**
 * In-app notifications of a person. Title and body are stored in both languages, so the bell shows the
 * language the person uses now, not the one they used when the event happened.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What happened, e.g. 'order.status' or 'company.approved'. */
    kind: text('kind').notNull(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en').notNull(),
    bodyRu: text('body_ru').notNull(),
    bodyEn: text('body_en').notNull(),
    /** An in-app path the notification opens, e.g. `/orders/<id>`. */
    link: text('link'),
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // Newest-first keyset list of one person.
    index('notifications_user_list_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    // The unread badge counts only unread rows: a small partial index.
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
