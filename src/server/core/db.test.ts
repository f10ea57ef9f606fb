import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Database, queryRows } from './db.js';
import { migrationsDir } from './paths.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('migrations', () => {
  it('are already applied and re-running them changes nothing', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await database.migrate();
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(before[0]?.n).toBeGreaterThan(0);
  });

  it('roll back completely when one statement of a new migration fails', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kabinet-migrations-'));
    try {
      cpSync(migrationsDir, folder, { recursive: true });
      const journalFile = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
      const idx = journal.entries.length;
      const tag = `${String(idx).padStart(4, '0')}_broken`;
      journal.entries.push({ idx, version: '7', when: Date.now() + 1000, tag, breakpoints: true });
      writeFileSync(journalFile, JSON.stringify(journal));
      writeFileSync(
        join(folder, `${tag}.sql`),
        'CREATE TABLE "half_done" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" integer;',
      );
      await expect(database.migrate(folder)).rejects.toThrow();
      const tables = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`,
      );
      expect(tables[0]?.n).toBe(0);
      const applied = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]?.n).toBe(idx);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
