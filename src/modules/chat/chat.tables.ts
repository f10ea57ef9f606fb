import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../companies/companies.tables.js';
import { users } from '../people/people.tables.js';

/**
 * A chat between the seller and one customer: a company (kind `company`, answered by its personal manager)
 * or a retail person (kind `personal`, answered by support). One open conversation per company / person;
 * closed ones stay as history.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['company', 'personal'] }).notNull(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    personId: text('person_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The staff member answering; null means the support queue. */
    assignedTo: text('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    lastMessageId: bigint('last_message_id', { mode: 'number' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /** Set while an away notification to that side is pending (one per burst of messages). */
    customerAlertAt: timestamp('customer_alert_at', { withTimezone: true }),
    staffAlertAt: timestamp('staff_alert_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('chat_conversations_open_company_idx')
      .on(t.companyId)
      .where(sql`${t.kind} = 'company' and ${t.closedAt} is null`),
    uniqueIndex('chat_conversations_open_person_idx')
      .on(t.personId)
      .where(sql`${t.kind} = 'personal' and ${t.closedAt} is null`),
    // "My conversations, latest first" for a staff member and for the queue (assigned_to is null).
    index('chat_conversations_assigned_idx').on(t.assignedTo, sql`${t.lastMessageAt} desc nulls first`),
  ],
);

/** One message; the bigserial id orders a conversation and is the catch-up cursor after a reconnect. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    side: text('side', { enum: ['staff', 'customer'] }).notNull(),
    body: text('body').notNull().default(''),
    attachmentKey: text('attachment_key'),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    attachmentSize: integer('attachment_size'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chat_messages_conversation_idx').on(t.conversationId, t.id)],
);

/** How far each person has read a conversation (the read receipts of the other side). */
export const chatReads = pgTable(
  'chat_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    side: text('side', { enum: ['staff', 'customer'] }).notNull(),
    lastReadId: bigint('last_read_id', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);
