import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type TicketContext,
  ticketAudiences,
  ticketMessageKinds,
  ticketPriorities,
  ticketSides,
  ticketStatuses,
} from '../../shared/support.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A queue of requests worked by a group of operators (by topic and audience). */
export const supportQueues = pgTable('support_queues', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull().unique(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  /** New requests go to the queue's members in turn; otherwise they wait unassigned. */
  roundRobin: boolean('round_robin').notNull().default(true),
  /** The member who got the previous request by round-robin. */
  lastAssigneeId: text('last_assignee_id'),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Operators (staff user ids) who work a queue. */
export const supportQueueMembers = pgTable(
  'support_queue_members',
  {
    queueId: uuid('queue_id')
      .notNull()
      .references(() => supportQueues.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.queueId, t.userId] }),
    index('support_queue_members_user_idx').on(t.userId),
  ],
);

/** What a person can ask about; the topic decides the queue and the default priority. */
export const supportTopics = pgTable('support_topics', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull().unique(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  /** Who may pick the topic (`ticketAudiences`). */
  audiences: text('audiences').array().notNull(),
  queueId: uuid('queue_id').references(() => supportQueues.id, { onDelete: 'set null' }),
  defaultPriority: text('default_priority', { enum: ticketPriorities }).notNull().default('normal'),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** A support request (обращение). */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    /** Human number, `S-2026-000123`. */
    number: text('number').notNull().unique(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ticketStatuses }).notNull().default('new'),
    priority: text('priority', { enum: ticketPriorities }).notNull().default('normal'),
    audience: text('audience', { enum: ticketAudiences }).notNull(),
    /** The person who asked (kept after erasure as an id only; the name is erased by personal-data). */
    requesterId: text('requester_id').notNull(),
    requesterName: text('requester_name').notNull(),
    /** The company the person asked for; every member of it sees the request. */
    companyId: uuid('company_id'),
    topicId: uuid('topic_id').references(() => supportTopics.id, { onDelete: 'set null' }),
    queueId: uuid('queue_id').references(() => supportQueues.id, { onDelete: 'set null' }),
    /** The operator (staff user id) working on it. */
    assigneeId: text('assignee_id'),
    context: jsonb('context').$type<TicketContext>(),
    /** The language replies and notifications to the person are written in. */
    locale: text('locale').notNull().default('ru'),
    slaPolicyId: uuid('sla_policy_id'),
    firstResponseDueAt: at('first_response_due_at'),
    resolutionDueAt: at('resolution_due_at'),
    firstRespondedAt: at('first_responded_at'),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    /** Set once when the first-response or resolution target was missed and the breach was escalated. */
    firstResponseEscalatedAt: at('first_response_escalated_at'),
    resolutionEscalatedAt: at('resolution_escalated_at'),
    mergedIntoId: uuid('merged_into_id'),
    csatRating: smallint('csat_rating'),
    csatComment: text('csat_comment'),
    ratedAt: at('rated_at'),
    lastMessageAt: at('last_message_at').notNull().defaultNow(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('tickets_csat_check', sql`${t.csatRating} is null or ${t.csatRating} between 1 and 5`),
    index('tickets_requester_idx').on(t.requesterId, t.lastMessageAt),
    index('tickets_company_idx').on(t.companyId, t.lastMessageAt),
    index('tickets_queue_idx').on(t.queueId, t.status, t.lastMessageAt),
    index('tickets_assignee_idx').on(t.assigneeId, t.status, t.lastMessageAt),
    index('tickets_created_idx').on(t.createdAt),
    // The escalation job scans only requests still waiting for a first answer or a resolution.
    index('tickets_first_response_due_idx')
      .on(t.firstResponseDueAt)
      .where(sql`first_responded_at is null and first_response_escalated_at is null`),
    index('tickets_resolution_due_idx')
      .on(t.resolutionDueAt)
      .where(sql`resolved_at is null and resolution_escalated_at is null`),
  ],
);

/** The thread of a request: replies, internal notes (staff only) and system events. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    /** uuidv7: ordered by time. */
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ticketMessageKinds }).notNull(),
    side: text('side', { enum: ticketSides }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    /** Staff user ids mentioned with @ in an internal note (they are notified). */
    mentions: text('mentions').array().notNull().default(sql`'{}'::text[]`),
    /** For events: what changed, e.g. `{ "status": ["new", "open"] }`. */
    data: jsonb('data'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.id)],
);

/** Files attached to a message (checked on upload: size and real type). */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => ticketMessages.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ticket_attachments_message_idx').on(t.messageId),
    index('ticket_attachments_ticket_idx').on(t.ticketId),
  ],
);

/**
 * A saved answer operators insert; `{{placeholders}}` are filled from the request (docs/support.md lists
 * them). A queue's replies show in that queue; replies without a queue everywhere.
 */
export const supportCannedReplies = pgTable('support_canned_replies', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  locale: text('locale'),
  queueId: uuid('queue_id').references(() => supportQueues.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** What a macro does in one click: any of these, applied in this order. */
export interface SupportMacroActions {
  status?: (typeof ticketStatuses)[number];
  priority?: (typeof ticketPriorities)[number];
  /** A staff user id, or `me` for whoever runs the macro. */
  assignee?: string;
  queueId?: string;
  /** A reply sent to the person (placeholders filled). */
  reply?: string;
  /** An internal note. */
  note?: string;
}

export const supportMacros = pgTable('support_macros', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  actions: jsonb('actions').$type<SupportMacroActions>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
