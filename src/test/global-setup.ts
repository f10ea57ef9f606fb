import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, pgliteExtensions, wrapPglite } from '../server/core/db.js';
import { rootDir } from '../server/core/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** Builds the server bundle and migrates one embedded template database; each test file clones it. */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres') return setupPostgres(project);

  // Process tests run the server bundle; build it from the current sources (esbuild, under a second).
  const build = spawnSync(process.execPath, [join(rootDir, 'scripts/build.mjs'), 'server'], {
    cwd: rootDir,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);

  const client = await PGlite.create({ extensions: pgliteExtensions });
  const template = wrapPglite(client);
  await template.migrate();
  const file = join(tmpdir(), `kabinet-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}

/** The PostgreSQL project: one migrated template database on the TEST_DATABASE_URL server. */
async function setupPostgres(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres project');
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
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'kabinet_t_${process.pid}_%' or datname = $1`,
      [name],
    );
    for (const row of leftovers.rows)
      await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
  };
}
