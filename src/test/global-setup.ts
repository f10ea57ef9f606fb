import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, wrapPglite } from '../server/core/db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** Migrates one embedded database and one PostgreSQL template once; each test file clones them. */
export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];

  const client = await PGlite.create();
  const template = wrapPglite(client);
  await template.migrate();
  const file = join(tmpdir(), `kabinet-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);
  cleanups.push(async () => rmSync(file, { force: true }));

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `kabinet_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString() });
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', name);
    cleanups.push(async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'kabinet_t_${process.pid}_%' or datname = $1`,
        [name],
      );
      for (const row of leftovers.rows)
        await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    });
  }

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
