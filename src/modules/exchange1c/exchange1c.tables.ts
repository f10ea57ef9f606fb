import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Integration accounts 1C signs in with (HTTP Basic); created in the back office, password shown once. */
export const exchange1cAccounts = pgTable('exchange1c_accounts', {
  id: uuid('id').primaryKey(),
  login: text('login').notNull().unique(),
  /** scrypt hash, the same hashing as people's passwords. */
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull().default(''),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** What one file of an exchange session did, kept in the session's `files`. */
export interface ExchangeFileState {
  status: 'running' | 'done' | 'failed';
  phase: string;
  counts: Record<string, number>;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  /** Last sign of life of the process importing it (another copy may take over a stale one). */
  heartbeat: string;
}

/** One 1C exchange session (from `checkauth`): its token, uploads, per-file import state; also the exchange log. */
export const exchange1cSessions = pgTable(
  'exchange1c_sessions',
  {
    id: uuid('id').primaryKey(),
    /** sha256 of the cookie / sessid value; the value itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    type: text('type').notNull().default('catalog'),
    login: text('login').notNull(),
    accountId: uuid('account_id'),
    files: jsonb('files').$type<Record<string, ExchangeFileState>>().notNull().default({}),
    uploads: jsonb('uploads').$type<Record<string, number>>().notNull().default({}),
    result: text('result', { enum: ['open', 'success', 'failure'] })
      .notNull()
      .default('open'),
    /** type=sale: the schema version 1C named at `init` (null: the old protocol, import inside `file`). */
    saleVersion: text('sale_version'),
    /** type=sale: the change sequence up to which this session's last `query` sent orders (committed on `success`). */
    saleStagedSeq: bigint('sale_staged_seq', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exchange1c_sessions_created_idx').on(t.createdAt)],
);

/**
 * The orders exchange position: 1C has confirmed (`mode=success`) every order whose change sequence is at most
 * `committedSeq`. One row, `name = 'sale'`; a `query` stages a batch in its session, only `success` moves this.
 */
export const exchange1cSaleState = pgTable('exchange1c_sale_state', {
  name: text('name').primaryKey(),
  committedSeq: bigint('committed_seq', { mode: 'number' }).notNull().default(0),
  committedAt: timestamp('committed_at', { withTimezone: true }),
  sessionId: uuid('session_id'),
});
