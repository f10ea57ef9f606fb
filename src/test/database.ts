import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, pgliteExtensions, wrapPglite } from '../server/core/db.js';

/** Which database this test project runs on: set per Vitest project in vitest.config.ts. */
export const testDbKind = process.env.KABINET_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

let counter = 0;

/** A fresh, migrated database for one test file: a clone of the template made in global setup. */
export async function openTestDatabase(): Promise<Database> {
  if (testDbKind === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    const client = await PGlite.create({ loadDataDir: new Blob([tar]), extensions: pgliteExtensions });
    return wrapPglite(client);
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  const template = inject('postgresTemplate');
  const name = `kabinet_t_${template.split('_')[2]}_${process.pid}_${counter++}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
    },
  };
}
