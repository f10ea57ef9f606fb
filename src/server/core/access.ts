import type { FastifyInstance, FastifyRequest } from 'fastify';
import { permissions as allPermissions, type Permission } from '../../shared/permissions.js';
import { AppError } from './errors.js';

/**
 * What a route requires, declared in the route's `config.access`. Every route under /api/ must declare
 * it (the app refuses to start otherwise) and one hook checks it, so no handler checks access by hand.
 */
export type Access = { public: true } | { signedIn: true } | { permission: Permission };

/** Who is making the request. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  kind: 'operator';
  permissions: Permission[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const operatorCookie = 'kabinet_operator';
export const operatorSessionHours = 12;

/**
 * Until identity lands (issue 3) the only signed-in person is the operator, who opens the back office
 * through the one-time link printed at start; the signed cookie carries the time it was issued.
 */
function resolveActor(request: FastifyRequest): Actor | null {
  const raw = request.cookies[operatorCookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const issuedAt = Number(unsigned.value.replace(/^operator:/, ''));
  if (!Number.isFinite(issuedAt) || Date.now() - issuedAt > operatorSessionHours * 3_600_000) return null;
  return { id: 'operator', name: 'Operator', email: '', kind: 'operator', permissions: [...allPermissions] };
}

/** Installs the access check: declared access on every API route, enforced in one preHandler. */
export function registerAccessControl(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api/v') && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} does not declare config.access`);
    }
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    request.actor = resolveActor(request);
    if ('public' in access) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    if ('permission' in access && !request.actor.permissions.includes(access.permission)) {
      throw new AppError('FORBIDDEN', 'You do not have permission for this action');
    }
  });
}
