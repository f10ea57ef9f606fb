import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';
import { sessionExpiryByToken, sessionTokenOf } from '../identity/staff-sessions.service.js';
import { peopleByIds } from '../people/people.service.js';

/** How long a "sign in as" session lasts. */
export const impersonationMinutes = 60;

/** The cookie that keeps the staff member's own session token while they act as someone else. */
export const impersonatorCookie = 'kabinet_impersonator';

export interface ImpersonationState {
  by: { id: string; name: string };
  expiresAt: string | null;
}

/** Whether the request's session was opened by staff to act as the person (for /me and the banner). */
export async function impersonationStateOf(
  { db, auth }: Pick<ModuleContext, 'db' | 'auth'>,
  request: FastifyRequest,
): Promise<ImpersonationState | null> {
  const staffId = request.actor?.impersonatedBy;
  if (!staffId) return null;
  const [names, token] = await Promise.all([
    peopleByIds(db, [staffId]),
    sessionTokenOf(auth, request.cookies),
  ]);
  const expiresAt = token ? await sessionExpiryByToken(db, token) : null;
  return {
    by: { id: staffId, name: names.get(staffId)?.name ?? '' },
    expiresAt: expiresAt?.toISOString() ?? null,
  };
}
