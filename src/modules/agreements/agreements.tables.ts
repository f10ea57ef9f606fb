import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const agreementKinds = ['contract', 'specification', 'supplementary'] as const;
export const agreementStatuses = ['draft', 'in_review', 'approved', 'rejected'] as const;
/** Which side of the deal acted: the seller's staff (back office) or the company's members. */
export const agreementSides = ['staff', 'company'] as const;
export const agreementDecisionKinds = ['approve', 'reject'] as const;

/**
 * A document two sides agree on (согласование): a contract, a specification or a supplementary agreement of a
 * company. Kept forever: versions, comments and decisions are only ever added.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    kind: text('kind', { enum: agreementKinds }).notNull(),
    title: text('title').notNull(),
    /** The contract a specification or supplementary agreement belongs to (same company). */
    parentId: uuid('parent_id'),
    status: text('status', { enum: agreementStatuses }).notNull().default('in_review'),
    createdSide: text('created_side', { enum: agreementSides }).notNull(),
    /** A person's id, or `operator` for the back-office operator. */
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agreements_company_idx').on(t.companyId, t.updatedAt),
    index('agreements_updated_idx').on(t.updatedAt, t.id),
  ],
);

/** A file of an agreement; number 1, 2, … — the newest supersedes the earlier ones, which stay. */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: uuid('id').primaryKey(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    number: integer('number').notNull(),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of the stored file: what a decision on this version refers to. */
    sha256: text('sha256').notNull(),
    side: text('side', { enum: agreementSides }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_versions_number_idx').on(t.agreementId, t.number)],
);

/** A remark on a version, by either side. */
export const agreementComments = pgTable(
  'agreement_comments',
  {
    id: uuid('id').primaryKey(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersions.id),
    side: text('side', { enum: agreementSides }).notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreement_comments_agreement_idx').on(t.agreementId, t.createdAt)],
);

/**
 * Approval or rejection of a version, with who, when, from where, how it was confirmed, and the SHA-256 of the
 * file decided on, so what was approved is provable later.
 */
export const agreementDecisions = pgTable(
  'agreement_decisions',
  {
    id: uuid('id').primaryKey(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersions.id),
    decision: text('decision', { enum: agreementDecisionKinds }).notNull(),
    side: text('side', { enum: agreementSides }).notNull(),
    personId: text('person_id').notNull(),
    personName: text('person_name').notNull(),
    comment: text('comment'),
    sha256: text('sha256').notNull(),
    /** `email_code` (a one-time code sent to `confirmedTo`) for approvals; null for rejections. */
    confirmation: text('confirmation'),
    confirmedTo: text('confirmed_to'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreement_decisions_agreement_idx').on(t.agreementId, t.createdAt)],
);

/**
 * The live one-time approval code of a person for a version (one row; a new request replaces it). Only the
 * hash is kept; the row goes when the code is used.
 */
export const agreementApprovalCodes = pgTable(
  'agreement_approval_codes',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersions.id),
    personId: text('person_id').notNull(),
    codeHash: text('code_hash').notNull(),
    sentTo: text('sent_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Codes sent since `windowStartedAt` (at most a few an hour). */
    sends: integer('sends').notNull().default(1),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.personId] })],
);
