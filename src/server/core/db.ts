import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Column, getTableColumns, is, SQL, type sql, type Table } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../../db/schema.js';
import { ConfigError } from './config.js';
import { acquireDirLock, type DirLock } from './dir-lock.js';
import { migrationsDir } from './paths.js';

/** Extensions the migrations use (trigram search); PGlite must load them when it opens a data directory. */
export const pgliteExtensions = { pg_trgm };

export type Schema = typeof schema;
/** The database handle every service takes; a transaction has the same type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** An open database: the Drizzle handle plus what main and tests need to manage it. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations in one transaction; a failure leaves the schema as it was. */
  migrate(folder?: string): Promise<void>;
  /** Checks that the database answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** Opens PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in the data directory. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and the next query reports real errors.
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const safeUrl = url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@');
    throw new ConfigError(`DATABASE_URL=${safeUrl} cannot be reached: ${(error as Error).message}`);
  }
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    migrate: (folder = migrationsDir) => migratePg(db, { migrationsFolder: folder }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/** Wraps an already open PGlite client (tests clone a migrated template into memory). */
export function wrapPglite(client: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: (folder = migrationsDir) => migratePglite(db, { migrationsFolder: folder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      await onClose();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  // PGlite is single-process: a second process on the same directory silently loses rows.
  const lock: DirLock = acquireDirLock(dir);
  try {
    const client = await PGlite.create(join(dir, 'pgdata'), { extensions: pgliteExtensions });
    return wrapPglite(client, async () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Rows a statement returned as JSON (`to_jsonb(t)`), typed like the table's `select` rows: each column's value
 * goes through the column's own driver mapping (timestamps to Dates, bigints to numbers…). For statements that
 * return rows of several tables at once.
 */
export function rowsFromJson<T extends Table>(
  table: T,
  rows: readonly Record<string, unknown>[],
): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((json) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = json[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}

/**
 * Rows of a `db.select({...})` query given back as JSON (`jsonb_agg` of it as a subquery), typed as the query
 * itself would type them: a column field is found under the column's name, an expression under its alias
 * (`sql\`…\`.as('name')`). Lets one statement run several select queries at once.
 */
export function selectedFromJson<T>(query: unknown, rows: readonly unknown[]): T[] {
  const fields = (query as { _: { selectedFields: Record<string, unknown> } })._.selectedFields;
  const decoders = Object.entries(fields).map(([key, field]) => {
    if (is(field, Column)) return { key, name: field.name, map: (v: unknown) => field.mapFromDriverValue(v) };
    if (is(field, SQL.Aliased)) {
      const { decoder } = field.sql as unknown as { decoder: { mapFromDriverValue(v: unknown): unknown } };
      return { key, name: field.fieldAlias, map: (v: unknown) => decoder.mapFromDriverValue(v) };
    }
    throw new Error(`selectedFromJson: the field ${key} needs a column or an alias`);
  });
  return rows.map((json) => {
    const row: Record<string, unknown> = {};
    for (const d of decoders) {
      const value = (json as Record<string, unknown>)[d.name];
      row[d.key] = value === null || value === undefined ? null : d.map(value);
    }
    return row as T;
  });
}

/** Runs a raw query and returns its rows, the same on both drivers. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
