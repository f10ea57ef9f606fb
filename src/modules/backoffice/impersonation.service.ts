import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';
import { sessionTimesByToken, sessionTokenOf } from '../identity/staff-sessions.service.js';
import { peopleByIds } from '../people/people.service.js';

/** How long a "sign in as" session lasts. */
export const impersonationMinutes = 60;

/** True while a "sign in as" session opened at `createdAt` may still be used. */
export function impersonationLive(createdAt: Date, now = Date.now()): boolean {
  return now - createdAt.getTime() < impersonationMinutes * 60_000;
}

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
  const times = token ? await sessionTimesByToken(db, token) : null;
  // Better Auth may extend a session it refreshes; a "sign in as" session still ends an hour after it began.
  const end = times
    ? Math.min(times.expiresAt.getTime(), times.createdAt.getTime() + impersonationMinutes * 60_000)
    : null;
  return {
    by: { id: staffId, name: names.get(staffId)?.name ?? '' },
    expiresAt: end ? new Date(end).toISOString() : null,
  };
}
