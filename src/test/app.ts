import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { type Config, loadConfig } from '../server/core/config.js';
import type { Secrets } from '../server/core/secrets.js';
import { openTestDatabase } from './database.js';

export const testSecrets: Secrets = {
  sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
  operatorToken: 'test-operator-token-0123456789',
  demoPassword: 'test-demo-password',
};

/** The portal's address in API tests; cookie-authenticated writes must send it as `Origin`. */
export const testOrigin = 'http://localhost:3000';

/** A configuration for tests: defaults, a temporary data dir, quiet logs, and any overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    logLevel: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent',
    publicUrl: testOrigin,
    dataDir: mkdtempSync(join(tmpdir(), 'kabinet-test-')),
    rateLimitPerMinute: 0,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: FastifyInstance['kabinet']['database']['db'];
  /** Cookie header of the back-office operator session. */
  operator(): Promise<string>;
  /** Runs job-runner ticks until no job is due (jobs are not polled in tests). */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the real app on a fresh database; drive it with `app.inject`. */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp(config, { database, secrets: testSecrets });
  await app.ready();
  const jobs = app.kabinet.jobs;
  return {
    app,
    db: database.db,
    async operator() {
      const res = await app.inject({ url: `/api/v1/auth/operator?token=${testSecrets.operatorToken}` });
      const cookie = res.cookies.find((c) => c.name === 'kabinet_operator');
      if (!cookie) throw new Error(`operator sign-in failed: ${res.statusCode} ${res.body}`);
      return `${cookie.name}=${cookie.value}`;
    },
    async drainJobs() {
      for (let i = 0; i < 50; i++) {
        if ((await jobs.tick()) === 0) {
          await jobs.idle();
          if ((await jobs.tick()) === 0) return;
        }
        await jobs.idle();
      }
      throw new Error('jobs did not drain in 50 ticks');
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
