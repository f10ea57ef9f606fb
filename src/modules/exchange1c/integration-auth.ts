import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { basicCredentials, checkCredentials } from './exchange1c.auth.js';

/** The integration account a machine request signed in with. */
export interface IntegrationCaller {
  login: string;
  accountId: string | null;
}

const callers = new WeakMap<FastifyRequest, IntegrationCaller>();

/**
 * Route hooks for machine-to-machine REST routes (imports from an accounting system): HTTP Basic with an
 * integration account — the same accounts 1C's exchange signs in with (back office «Integration accounts», or
 * KABINET_1C_LOGIN/PASSWORD). Such a route is declared `{ public: true }` because it authenticates itself:
 * cookies are dropped first (no browser session, and no browser CSRF rule), then a request without valid
 * credentials gets 401 with `WWW-Authenticate: Basic`.
 */
export function integrationAuth(ctx: Pick<ModuleContext, 'db' | 'config'>) {
  return {
    onRequest: async (request: FastifyRequest) => {
      delete request.headers.cookie;
      request.cookies = {};
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const credentials = basicCredentials(request.headers.authorization);
      const who = credentials
        ? await checkCredentials(ctx.db, ctx.config, credentials.login, credentials.password)
        : null;
      if (!who) {
        reply.header('www-authenticate', 'Basic realm="kabinet-integration", charset="UTF-8"');
        throw new AppError('UNAUTHENTICATED', 'Sign in with an integration account (HTTP Basic)');
      }
      callers.set(request, who);
    },
  };
}

/** The integration account of a request that passed `integrationAuth`. */
export function integrationCallerOf(request: FastifyRequest): IntegrationCaller {
  const who = callers.get(request);
  if (!who) throw new AppError('UNAUTHENTICATED', 'Sign in with an integration account (HTTP Basic)');
  return who;
}
