import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { membershipIn } from '../modules/companies/companies.service.js';
import { devMailboxTransport } from '../modules/devmail/devmail.service.js';
import { type Auth, createAuth } from '../modules/identity/auth.js';
import { personFromSession } from '../modules/identity/identity.service.js';
import { modules } from '../modules/index.js';
import { type DeclaredRoute, registerAccessControl } from './core/access.js';
import type { Config } from './core/config.js';
import type { Database } from './core/db.js';
import { JobRunner } from './core/jobs/runner.js';
import { type MailTransport, sendMailJob, smtpTransport } from './core/mail/mailer.js';
import { registerMetrics } from './core/metrics.js';
import type { ModuleContext } from './core/module.js';
import { webDistDir } from './core/paths.js';
import {
  clientErrorHandler,
  frameworkErrors,
  registerProblemHandlers,
  sendProblem,
} from './core/problem-handlers.js';
import { ReadCache } from './core/read-cache.js';
import type { Secrets } from './core/secrets.js';
import { version } from './core/version.js';

export interface AppDeps {
  database: Database;
  secrets: Secrets;
}

export interface Kabinet {
  database: Database;
  jobs: JobRunner;
  mail: MailTransport;
  config: Config;
  secrets: Secrets;
  auth: Auth;
  /** API routes with their declared access. */
  routes: DeclaredRoute[];
  readCache: ReadCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    kabinet: Kabinet;
  }
}

const requestIdPattern = /^[\w.-]{1,64}$/;

/** Builds the HTTP app on an open, migrated database. Used by main.ts and by every API test. */
export async function buildApp(config: Config, { database, secrets }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const hasWebApp = existsSync(join(webDistDir, 'index.html'));
  registerProblemHandlers(app, hasWebApp ? { pageFallback: serveIndexForPages } : {});

  const mail = config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailboxTransport;
  const jobs = new JobRunner({ db: database.db, log: app.log, pollMs: config.jobsPollMs });

  // While shutting down, ask keep-alive clients to go, so in-flight requests finish and sockets close.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  await app.register(cookie, { secret: secrets.sessionSecret });
  await app.register(helmet, {
    hsts: false,
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(compress, { threshold: 1024 });
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: '1 minute',
      allowList: (request) => !request.url.startsWith('/api/'),
    });
  }
  const auth = createAuth({ db: database.db, config, secrets, jobs });
  const readCache = new ReadCache(database.db, { maxBytes: config.readCacheMb * 1024 * 1024 });
  const routes = registerAccessControl(app, {
    person: (request) => personFromSession(auth, database.db, request, readCache),
    // With the request: its lookups share one read of the versions.
    membership: (orgId, userId, request) =>
      readCache.remember(
        'identity',
        `member:${orgId}:${userId}`,
        () => membershipIn(database.db, orgId, userId),
        request,
      ),
    trustedOrigins: [new URL(config.publicUrl).origin],
  });
  app.decorate('kabinet', { database, jobs, mail, config, secrets, auth, routes, readCache });
  const metrics = registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kabinet API', version, description: 'Self-service portal API' },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles and ships hashed scripts; keep its hashes, our framing and HTTP rules.
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
        .replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'")
        .replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () =>
    app.swagger(),
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await database.ping();
      return { status: 'ok', database: database.kind };
    } catch {
      return sendProblem(request, reply, 503, 'UNAVAILABLE', 'The database does not answer');
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );

  const ctx: ModuleContext = { db: database.db, config, secrets, jobs, auth, readCache };
  jobs.register(sendMailJob(mail, config.mailFrom));
  for (const module of modules) for (const job of module.jobs?.(ctx) ?? []) jobs.register(job);
  for (const module of modules) module.wire?.(ctx);
  await app.register(
    async (api) => {
      for (const module of modules) await module.routes?.(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  for (const module of modules) await module.rootRoutes?.(app, ctx);

  if (hasWebApp) registerWebApp(app);
  app.addHook('onClose', async () => {
    await jobs.stop();
    mail.close?.();
  });
  return app;
}

/** Serves the built web app; API, health and asset paths keep their 404 problem. */
function registerWebApp(app: FastifyInstance): void {
  app.register(fastifyStatic, {
    root: webDistDir,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      const immutable = path.startsWith(join(webDistDir, 'assets'));
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** Client-side routing: any other GET for a page gets index.html. */
function serveIndexForPages(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const path = request.url.split('?')[0] ?? '';
  const isPage =
    request.method === 'GET' &&
    !/^\/(api|healthz|readyz|metrics)(\/|$)/.test(path) &&
    !/\.[a-z0-9]+$/i.test(path);
  return isPage ? reply.header('cache-control', 'no-cache').sendFile('index.html') : undefined;
}
