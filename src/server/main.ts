import { createServer } from 'node:net';
import { resolve } from 'node:path';
import closeWithGrace from 'close-with-grace';
import { seedDemo } from '../db/seed/demo.js';
import { demoPeople } from '../db/seed/demo-data.js';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './core/config.js';
import { type Database, type DatabaseTarget, openDatabase } from './core/db.js';
import { loadSecrets, type Secrets } from './core/secrets.js';
import { storageFor } from './core/storage.js';
import { version } from './core/version.js';

function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir };
}

async function migrateOrExplain(database: Database): Promise<void> {
  try {
    await database.migrate();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    throw new ConfigError(
      `database migration failed and was rolled back: ${cause?.message ?? (error as Error).message}`,
    );
  }
}

/** PORT=0 asks for any free port; pick it before building so every URL the app prints is right. */
async function resolvePort(config: Config): Promise<Config> {
  if (config.port !== 0) return config;
  const port = await new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, config.host, () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const publicUrl = process.env.PUBLIC_URL ? config.publicUrl : config.publicUrl.replace(/:0$/, `:${port}`);
  return { ...config, port, publicUrl };
}

function printBanner(config: Config, database: Database, secrets: Secrets, mailKind: string): void {
  const url = config.publicUrl;
  const lines = [
    `Kabinet is running at ${url} (version ${version})`,
    `  database:  ${database.kind === 'pglite' ? `embedded PGlite in ${resolve(config.dataDir, 'pgdata')}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  mail:      ${mailKind === 'smtp' ? 'SMTP (SMTP_URL)' : `dev mailbox, read it at ${url}/admin/mailbox`}`,
    `  SMS:       ${config.sms.provider === 'smsru' ? 'SMS.ru (SMS_PROVIDER)' : `dev SMS inbox, read it at ${url}/admin/sms`}`,
    `  API docs:  ${url}/api/docs`,
  ];
  if (!config.demo) lines.push('  back office: `npm run kabinet -- operator-link` prints the operator link');
  if (config.demo) {
    lines.push(
      `  back office (operator link, keep it private): ${operatorLink(config, secrets)}`,
      `  demo people (password ${secrets.demoPassword}):`,
      `    ${demoPeople.admin.email}  back-office admin`,
      `    ${demoPeople.support.email}  support agent (may sign in as customers)`,
      `    ${demoPeople.customer.email}  retail customer (also signs in by SMS code: ${demoPeople.customer.phone})`,
      `    ${demoPeople.owner.email}  owner of dealer «ВодоСервис» (members, roles, bank accounts)`,
      `    ${demoPeople.buyer.email}  buyer at dealer «ВодоСервис»`,
      `    ${demoPeople.employee.email}  employee`,
      `    ${demoPeople.supplier.email}  supplier «ФильтрПром»`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** config → database → migrate → app → demo seed → listen → jobs; stops gracefully on SIGTERM/SIGINT. */
async function start(): Promise<void> {
  const config = await resolvePort(loadConfig());
  const secrets = loadSecrets(config);
  const database = await openDatabase(databaseTarget(config));
  try {
    await migrateOrExplain(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp(config, { database, secrets });
  closeWithGrace({ delay: config.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error; shutting down');
    else app.log.info({ signal }, 'shutting down: finishing requests and jobs');
    await app.close();
    await database.close();
  });
  if (
    config.demo &&
    (await seedDemo(database.db, {
      publicUrl: config.publicUrl,
      password: secrets.demoPassword,
      storage: storageFor(config),
    }))
  ) {
    app.log.info('demo business seeded');
  }
  await app.listen({ port: config.port, host: config.host });
  if (config.runJobs) await app.kabinet.jobs.start({ recoverOrphans: database.kind === 'pglite' });
  printBanner(config, database, secrets, app.kabinet.mail.kind);
}

function operatorLink(config: Config, secrets: Secrets): string {
  return `${config.publicUrl}/api/v1/auth/operator?token=${secrets.operatorToken}`;
}

/** Prints the back-office link; reading it needs access to the data directory (`kabinet operator-link`). */
async function printOperatorLink(): Promise<void> {
  const config = loadConfig();
  process.stdout.write(`${operatorLink(config, loadSecrets(config))}\n`);
}

/** Applies migrations and exits (`kabinet migrate`). */
async function migrateOnly(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(databaseTarget(config));
  try {
    await migrateOrExplain(database);
    process.stdout.write('Kabinet: migrations applied\n');
  } finally {
    await database.close();
  }
}

const commands: Record<string, () => Promise<void>> = {
  start,
  migrate: migrateOnly,
  'operator-link': printOperatorLink,
};

/** Entry point: `kabinet [start|migrate|operator-link]`. Configuration problems print one line and exit 1. */
export async function run(command = 'start'): Promise<void> {
  const action = commands[command];
  if (!action) {
    process.stderr.write(
      `kabinet: unknown command "${command}"; use one of: ${Object.keys(commands).join(', ')}\n`,
    );
    process.exit(2);
  }
  try {
    await action();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kabinet: ${error.message}\n`);
    } else {
      process.stderr.write(`kabinet: failed to start: ${(error as Error).stack ?? error}\n`);
    }
    process.exit(1);
  }
}
