import { isIP } from 'node:net';
import { z } from 'zod';
import { type ExternalProviders, loadExternalProviders } from '../../modules/identity/external/config.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

/** Every environment variable Kabinet reads, with defaults. The README's configuration table mirrors it. */
export const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int()
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: urlWithProtocol(['http:', 'https:']).optional(),
  DATABASE_URL: urlWithProtocol(['postgres:', 'postgresql:']).optional(),
  KABINET_DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: urlWithProtocol(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Kabinet <no-reply@kabinet.local>'),
  KABINET_DEMO: booleanFlag.default(true),
  KABINET_DEMO_PASSWORD: z.string().min(8).optional(),
  KABINET_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  KABINET_OPERATOR_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFlag.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  AUTH_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  AUTH_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  AUTH_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  AUTH_MAX_CODE_FAILURES: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_MAX_SENDS: z.coerce.number().int().min(1).max(100).default(5),
  KABINET_WORKER: booleanFlag.default(true),
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  SMS_PROVIDER: z.enum(['dev', 'smsru'], { error: 'must be dev or smsru' }).default('dev'),
  SMSRU_API_ID: z
    .string()
    .regex(/^[\w-]{8,64}$/, 'must be the api_id from the SMS.ru account')
    .optional(),
  SMSRU_FROM: z.string().min(1).max(11).optional(),
  SMSRU_URL: urlWithProtocol(['http:', 'https:']).default('https://sms.ru'),
  KABINET_1C_LOGIN: z.string().min(1).max(100).optional(),
  KABINET_1C_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  KABINET_1C_FILE_LIMIT: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(512 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  PAYMENT_PROVIDER: z.enum(['dev', 'yookassa'], { error: 'must be dev or yookassa' }).default('dev'),
  YOOKASSA_SHOP_ID: z
    .string()
    .regex(/^\d{1,12}$/, 'must be the shopId from the YooKassa account (digits)')
    .optional(),
  YOOKASSA_SECRET_KEY: z.string().min(8, 'must be the secret key from the YooKassa account').optional(),
  YOOKASSA_API_URL: urlWithProtocol(['http:', 'https:']).default('https://api.yookassa.ru/v3'),
  YOOKASSA_WEBHOOK_IPS: z
    .string()
    .refine(
      (v) => v.split(',').every((part) => isIP(part.trim().split('/')[0] ?? '') !== 0),
      'must be a comma-separated list of IP addresses or CIDR ranges',
    )
    .optional(),
  KABINET_READ_CACHE_MB: z.coerce
    .number({ error: 'must be a number of megabytes (0 turns the read cache off)' })
    .int()
    .min(0)
    .max(16_384)
    .default(64),
});

export type Env = z.infer<typeof envSchema>;

/** Resolved server configuration; tests build it directly with `testConfig()`. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  demo: boolean;
  demoPassword: string | undefined;
  sessionSecret: string | undefined;
  operatorToken: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  rateLimitPerMinute: number;
  /** Failed sign-ins in a row that lock an address, and for how long. */
  authMaxFailures: number;
  authLockoutSeconds: number;
  /** Wrong passwords from one IP address (any accounts) before it is locked out. */
  authMaxFailuresPerIp: number;
  /** Wrong one-time codes (2FA, SMS, e-mail) per IP and per address/phone before a lock. */
  authMaxCodeFailures: number;
  /** Mails/texts (password reset, codes) one address or phone may ask for within the lockout window. */
  authMaxSends: number;
  /** Whether this process runs background jobs (turn off on web-only copies when scaling out). */
  runJobs: boolean;
  jobsPollMs: number;
  shutdownTimeoutMs: number;
  /** OAuth / OpenID Connect sign-in providers (AUTH_YANDEX_*, AUTH_VK_*, AUTH_GOOGLE_*, AUTH_OIDC_*). */
  externalProviders: ExternalProviders;
  /** Days between a person asking to delete their account and the erasure of their personal data. */
  accountDeletionGraceDays: number;
  /** Where text messages go: `dev` keeps them in the dev SMS inbox, `smsru` sends them through SMS.ru. */
  sms: { provider: 'dev' } | { provider: 'smsru'; apiId: string; from: string | undefined; url: string };
  /** 1C exchange: an account given by the environment (besides back-office ones) and the bytes per upload. */
  exchange1c: { login: string | undefined; password: string | undefined; fileLimit: number };
  /** Megabytes of answers the in-process read cache may hold (catalog pages, sessions); 0 turns it off. */
  readCacheMb: number;
  /** Card payments: `dev` is Kabinet's own test provider, `yookassa` calls the YooKassa API v3. */
  payments:
    | { provider: 'dev' }
    | {
        provider: 'yookassa';
        shopId: string;
        secretKey: string;
        apiUrl: string;
        /** Addresses/CIDR ranges webhooks may come from; empty accepts any (each is checked with the API anyway). */
        webhookIps: string[];
      };
}

/** A configuration problem the operator must fix; main prints `message` as one line and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment and turns it into a Config, or throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${name}=${JSON.stringify(relevant[name] ?? '')} is invalid: ${issue?.message}`);
  }
  const e = parsed.data;
  const externalProviders = loadExternalProviders(env);
  if ('error' in externalProviders) throw new ConfigError(externalProviders.error as string);
  if (e.SMS_PROVIDER === 'smsru' && !e.SMSRU_API_ID) {
    throw new ConfigError(
      'SMSRU_API_ID is required when SMS_PROVIDER=smsru (the api_id from your SMS.ru account)',
    );
  }
  if (e.PAYMENT_PROVIDER === 'yookassa' && (!e.YOOKASSA_SHOP_ID || !e.YOOKASSA_SECRET_KEY)) {
    throw new ConfigError(
      'YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY are required when PAYMENT_PROVIDER=yookassa (shopId and secret key from your YooKassa account)',
    );
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KABINET_DATA_DIR,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demo: e.KABINET_DEMO,
    demoPassword: e.KABINET_DEMO_PASSWORD,
    sessionSecret: e.KABINET_SESSION_SECRET,
    operatorToken: e.KABINET_OPERATOR_TOKEN,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authMaxFailures: e.AUTH_MAX_FAILURES,
    authLockoutSeconds: e.AUTH_LOCKOUT_SECONDS,
    authMaxFailuresPerIp: e.AUTH_MAX_FAILURES_PER_IP,
    authMaxCodeFailures: e.AUTH_MAX_CODE_FAILURES,
    authMaxSends: e.AUTH_MAX_SENDS,
    runJobs: e.KABINET_WORKER,
    jobsPollMs: e.JOBS_POLL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    externalProviders,
    accountDeletionGraceDays: e.ACCOUNT_DELETION_GRACE_DAYS,
    sms:
      e.SMS_PROVIDER === 'smsru' && e.SMSRU_API_ID
        ? {
            provider: 'smsru',
            apiId: e.SMSRU_API_ID,
            from: e.SMSRU_FROM,
            url: e.SMSRU_URL.replace(/\/$/, ''),
          }
        : { provider: 'dev' },
    exchange1c: {
      login: e.KABINET_1C_LOGIN,
      password: e.KABINET_1C_PASSWORD,
      fileLimit: e.KABINET_1C_FILE_LIMIT,
    },
    readCacheMb: e.KABINET_READ_CACHE_MB,
    payments:
      e.PAYMENT_PROVIDER === 'yookassa' && e.YOOKASSA_SHOP_ID && e.YOOKASSA_SECRET_KEY
        ? {
            provider: 'yookassa',
            shopId: e.YOOKASSA_SHOP_ID,
            secretKey: e.YOOKASSA_SECRET_KEY,
            apiUrl: e.YOOKASSA_API_URL.replace(/\/$/, ''),
            webhookIps: (e.YOOKASSA_WEBHOOK_IPS ?? '')
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean),
          }
        : { provider: 'dev' },
  };
}
