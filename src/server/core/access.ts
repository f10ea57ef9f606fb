import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  permissions as allPermissions,
  type OrgPermission,
  type Permission,
} from '../../shared/permissions.js';
import { AppError } from './errors.js';

/**
 * What a route requires, declared in the route's `config.access`. Every route under /api/ must declare
 * it (the app refuses to start otherwise) and one hook checks it, so no handler checks access by hand.
 * - `{ public: true }`: anyone;
 * - `{ signedIn: true }`: any signed-in person;
 * - `{ permission }`: staff with that back-office permission;
 * - `{ org }`: a member of the company in the `:orgId` path parameter whose role grants `org`.
 */
export type Access =
  | { public: true }
  | { signedIn: true }
  | { permission: Permission }
  | { org: OrgPermission };

/** Who is making the request. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  kind: 'person' | 'operator';
  /** The person's language (what their notifications are written in); absent for an operator. */
  locale?: string;
  /** Back-office permissions from staff roles. */
  permissions: Permission[];
  /** The 2FA policy requires a second factor this person has not set up yet. */
  twoFactorRequired?: boolean;
  /** The Better Auth session behind a person's request. */
  sessionId?: string;
  /** Set when support opened this session to act as the person: the staff member's id. */
  impersonatedBy?: string | null;
  /** Web sections (nav modules) the person may see; null or absent means every section. */
  sections?: string[] | null;
}

/** The actor's role in the company of the current `/orgs/{orgId}` request. */
export interface OrgScope {
  orgId: string;
  role: string;
  permissions: OrgPermission[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable by a person who must set up 2FA first (their profile, 2FA setup). */
    allowWithoutTwoFactor?: boolean;
    /**
     * Only the person themselves, never support signed in as them: account deletion, e-mail change, data
     * export, sign-in methods.
     */
    personOnly?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    org: OrgScope | null;
  }
}

export const operatorCookie = 'kabinet_operator';
export const operatorSessionHours = 12;

/**
 * The operator opens the back office through the link printed at start (before any admin can sign in);
 * the signed cookie carries the time it was issued.
 */
function operatorFrom(request: FastifyRequest): Actor | null {
  const raw = request.cookies[operatorCookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const issuedAt = Number(unsigned.value.replace(/^operator:/, ''));
  if (!Number.isFinite(issuedAt) || Date.now() - issuedAt > operatorSessionHours * 3_600_000) return null;
  return { id: 'operator', name: 'Operator', email: '', kind: 'operator', permissions: [...allPermissions] };
}

export interface AccessResolvers {
  /** The signed-in person of a request (from the session cookie), or null. */
  person(request: FastifyRequest): Promise<Actor | null>;
  /** The person's role in a company and the permissions it grants, or null when they are not a member. */
  membership(
    orgId: string,
    userId: string,
    request: FastifyRequest,
  ): Promise<{ role: string; permissions: OrgPermission[] } | null>;
  /** Origins allowed to send cookie-authenticated writes (the portal's own address). */
  trustedOrigins: string[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

/**
 * Installs the access check: declared access on every API route, enforced in one preHandler. Returns
 * the list of API routes with their declared access (filled as routes register), for tests and docs.
 */
export function registerAccessControl(app: FastifyInstance, resolvers: AccessResolvers): DeclaredRoute[] {
  const declared: DeclaredRoute[] = [];
  app.decorateRequest('actor', null);
  app.decorateRequest('org', null);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api/v') && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} does not declare config.access`);
    }
    const access = route.config?.access;
    if (access && 'org' in access && !url.includes('/orgs/:orgId')) {
      throw new Error(`route ${route.method} ${url} declares org access but has no :orgId`);
    }
    if (access) {
      for (const method of [route.method].flat()) declared.push({ method: String(method), url, access });
    }
  });
  // Org routes are checked before the body is validated, so a stranger probing another company's routes
  // gets the same 404 whatever they send; the rest keep validation (400) before the check.
  const check = (stage: 'preValidation' | 'preHandler') => async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access || 'org' in access !== (stage === 'preValidation')) return;
    rejectCrossSiteWrite(request, resolvers.trustedOrigins);
    request.actor = (await resolvers.person(request)) ?? operatorFrom(request);
    if ('public' in access) return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    if (actor.twoFactorRequired && !request.routeOptions.config.allowWithoutTwoFactor) {
      throw new AppError('TWO_FACTOR_REQUIRED', 'Set up two-factor authentication to continue');
    }
    if (actor.impersonatedBy && request.routeOptions.config.personOnly) {
      throw new AppError('IMPERSONATION_FORBIDDEN', 'Only the person themselves can do this');
    }
    if ('permission' in access && !actor.permissions.includes(access.permission)) {
      throw new AppError('FORBIDDEN', 'You do not have permission for this action');
    }
    if ('org' in access) {
      const orgId = (request.params as { orgId?: string }).orgId ?? '';
      // Another company's id and a company that does not exist look the same: 404.
      const membership =
        uuidPattern.test(orgId) && actor.kind === 'person'
          ? await resolvers.membership(orgId, actor.id, request)
          : null;
      if (!membership) throw new AppError('NOT_FOUND', 'No such company');
      if (!membership.permissions.includes(access.org)) {
        throw new AppError('FORBIDDEN', 'Your role in this company does not allow this action');
      }
      request.org = { orgId, ...membership };
    }
  };
  app.addHook('preValidation', check('preValidation'));
  app.addHook('preHandler', check('preHandler'));
  return declared;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: a write that carries cookies must come from the portal's
 * own pages — its `Origin` (or, without one, `Sec-Fetch-Site: same-origin`) says so. SameSite=Lax cookies
 * already stop most cross-site posts; this also stops same-site subdomains and old browsers. Requests
 * without cookies (API clients with tokens) are not affected.
 */
function rejectCrossSiteWrite(request: FastifyRequest, trustedOrigins: string[]): void {
  if (safeMethods.has(request.method) || !request.headers.cookie) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const allowed = origin ? trustedOrigins.includes(origin) : fetchSite === 'same-origin';
  if (!allowed) throw new AppError('CSRF_REJECTED', 'This request did not come from the portal’s pages');
}

/** The actor of a route declared `signedIn`, `permission` or `org` (the access hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return request.actor;
}

/** The company scope of a route declared with `org` access. */
export function orgOf(request: FastifyRequest): OrgScope {
  if (!request.org) throw new AppError('NOT_FOUND', 'No such company');
  return request.org;
}
