import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';
import { saleSchemaVersion } from './commerceml/orders-xml.js';
import {
  basicCredentials,
  checkCredentials,
  type ExchangeSession,
  exchangeCookie,
  openSession,
  sessionOf,
} from './exchange1c.auth.js';
import { appendChunk, clearDir, safeUploadName, sessionDir } from './exchange1c.files.js';
import { importStep, resetSessionFiles } from './exchange1c.import.js';
import { saleImport, saleQuery, saleSuccess } from './exchange1c.sale.js';
import { exchange1cSessions } from './exchange1c.tables.js';

/** The URL an operator types into 1C ("Обмен с сайтом"). */
export const exchangePath = '/api/1c/exchange';

type Query = { type?: string; mode?: string; filename?: string; sessid?: string; version?: string };

/** Plain-text protocol answer: the first line is success, progress or failure; reasons stay ASCII. */
function answer(reply: FastifyReply, lines: string[]): FastifyReply {
  const text = lines.map((l) => l.replace(/[^\x20-\x7e]/g, '?')).join('\n');
  return reply
    .code(200)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send(text);
}

const failure = (reply: FastifyReply, reason: string) => answer(reply, ['failure', reason]);

/**
 * The 1C "Обмен с сайтом" endpoint (CommerceML 2 protocol), GET and POST on one URL. It authenticates on its
 * own — HTTP Basic at `checkauth`, then the exchange cookie or `sessid` — so the route is declared public;
 * its cookie is not a browser session, so it is taken off the request before the portal's access hook
 * (which would look for a person and apply the browser CSRF rule to it).
 */
export async function exchangeRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const fileLimit = ctx.config.exchange1c.fileLimit;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: fileLimit }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error, request, reply) => {
      request.log.warn({ err: error }, '1C exchange request failed');
      const tooLarge = (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      return failure(reply, tooLarge ? `body over file_limit (${fileLimit} bytes)` : 'internal error');
    });
    scope.route({
      method: ['GET', 'POST'],
      url: exchangePath,
      bodyLimit: fileLimit,
      schema: { hide: true },
      config: { access: { public: true } },
      onRequest: async (request) => {
        const token = request.cookies[exchangeCookie];
        (request as FastifyRequest & { exchangeToken?: string }).exchangeToken = token;
        delete request.headers.cookie;
        request.cookies = {};
      },
      handler: (request, reply) => handle(ctx, request, reply),
    });
  });
}

async function handle(
  ctx: ModuleContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = request.query as Query;
  const type = query.type ?? '';
  const mode = query.mode ?? '';
  if (type !== 'catalog' && type !== 'sale') return failure(reply, 'unknown type');
  if (mode === 'checkauth') return checkauth(ctx, request, reply, type);
  const token = (request as FastifyRequest & { exchangeToken?: string }).exchangeToken ?? query.sessid;
  const session = await sessionOf(ctx.db, token);
  if (!session || !token) return failure(reply, 'not authorized: call mode=checkauth first');
  const dir = sessionDir(ctx.config.dataDir, session.id);
  if (type === 'sale') return sale(ctx, request, reply, { session, token, dir });
  switch (mode) {
    case 'init': {
      await clearDir(dir);
      await resetSessionFiles(ctx.db, session.id);
      return answer(reply, ['zip=yes', `file_limit=${ctx.config.exchange1c.fileLimit}`]);
    }
    case 'file': {
      const name = safeUploadName(query.filename);
      if (!name) return failure(reply, 'bad filename');
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) return failure(reply, 'empty body');
      await appendChunk(dir, name, body);
      return answer(reply, ['success']);
    }
    case 'import': {
      const name = safeUploadName(query.filename);
      if (!name) return failure(reply, 'bad filename');
      const result = await importStep(ctx, session, dir, name);
      return answer(reply, [result.status, result.message]);
    }
    default:
      // complete, deactivate and modes this server does not know: nothing to do, and 1C must go on.
      return answer(reply, ['success']);
  }
}

/**
 * The orders exchange (`type=sale`): `init` (naming the schema version when 1C sends one), `query` (orders
 * changed since the confirmed position, as CommerceML XML), `success` (confirms that batch), `file` + `import`
 * (1C's changes to orders; with the old protocol — no version at `init` — the file is applied inside `file`).
 */
async function sale(
  ctx: ModuleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { session, token, dir }: { session: ExchangeSession; token: string; dir: string },
): Promise<FastifyReply> {
  const query = request.query as Query;
  switch (query.mode ?? '') {
    case 'init': {
      await clearDir(dir);
      const version = query.version?.trim() || null;
      await ctx.db
        .update(exchange1cSessions)
        .set({ saleVersion: version, files: {}, result: 'open' })
        .where(eq(exchange1cSessions.id, session.id));
      const lines = ['zip=no', `file_limit=${ctx.config.exchange1c.fileLimit}`];
      if (version) lines.push(`sessid=${token}`, `version=${saleSchemaVersion}`);
      return answer(reply, lines);
    }
    case 'query': {
      const { xml } = await saleQuery(ctx.db, session);
      return reply
        .code(200)
        .header('content-type', 'application/xml; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send(xml);
    }
    case 'success':
      return answer(reply, ['success', await saleSuccess(ctx.db, session)]);
    case 'file': {
      const name = safeUploadName(query.filename);
      if (!name) return failure(reply, 'bad filename');
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) return failure(reply, 'empty body');
      await appendChunk(dir, name, body);
      // New protocol: mode=import follows. Old protocol: apply now, unless the chunk is exactly file_limit long
      // (1C splits a bigger file, so more of it follows; the last, shorter chunk applies it).
      if (session.saleVersion || body.length === ctx.config.exchange1c.fileLimit)
        return answer(reply, ['success']);
      const result = await saleImport(ctx.db, session, dir, name);
      return answer(reply, [result.status, ...result.lines]);
    }
    case 'import': {
      const name = safeUploadName(query.filename);
      if (!name) return failure(reply, 'bad filename');
      const result = await saleImport(ctx.db, session, dir, name);
      return answer(reply, [result.status, ...result.lines]);
    }
    default:
      // info, complete and modes this server does not know: nothing to do, and 1C must go on.
      return answer(reply, ['success']);
  }
}

async function checkauth(
  ctx: ModuleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
): Promise<FastifyReply> {
  const credentials = basicCredentials(request.headers.authorization);
  const who =
    credentials && (await checkCredentials(ctx.db, ctx.config, credentials.login, credentials.password));
  if (!who) return failure(reply, 'wrong login or password');
  const session = await openSession(ctx.db, who, type);
  await clearDir(sessionDir(ctx.config.dataDir, session.id));
  reply.setCookie(exchangeCookie, session.token, { path: '/api/1c', httpOnly: true, sameSite: 'lax' });
  return answer(reply, [
    'success',
    exchangeCookie,
    session.token,
    `sessid=${session.token}`,
    `timestamp=${Math.floor(Date.now() / 1000)}`,
  ]);
}
