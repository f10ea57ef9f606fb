import type { FastifyInstance } from 'fastify';
import type { Auth } from '../../modules/identity/auth.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import type { JobDefinition } from './jobs/job-definition.js';
import type { JobRunner } from './jobs/runner.js';
import type { PersonalDataProvider } from './personal-data.js';
import type { ReadCache } from './read-cache.js';
import type { Secrets } from './secrets.js';

/** What a module receives when the app starts. */
export interface ModuleContext {
  db: Db;
  config: Config;
  secrets: Secrets;
  jobs: JobRunner;
  auth: Auth;
  /** Versioned in-process cache of hot reads (read-cache.ts). */
  readCache: ReadCache;
}

/** A Kabinet module: its routes (mounted under /api/v1) and its background jobs. */
export interface KabinetModule {
  name: string;
  routes?(app: FastifyInstance, ctx: ModuleContext): void | Promise<void>;
  /** Routes outside /api/v1 whose URL is fixed by an outside protocol (the 1C exchange); they still declare access. */
  rootRoutes?(app: FastifyInstance, ctx: ModuleContext): void | Promise<void>;
  jobs?(ctx: ModuleContext): JobDefinition[];
  /** Outbox subscriptions and cron schedules, registered after all jobs. */
  wire?(ctx: ModuleContext): void;
  /** What the module stores about a person, for the data export and account erasure (personal-data.ts). */
  personalData?: PersonalDataProvider[];
}

export function defineModule(module: KabinetModule): KabinetModule {
  return module;
}
