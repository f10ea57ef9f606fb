import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { Permission } from '../../shared/permissions.js';
import { listStaffPeople } from '../people/people.service.js';
import { staffAccessOf } from '../people/staff-roles.service.js';

/** Who acts on a request from the back office. */
export interface DeskActor {
  id: string;
  name: string;
}

/** Staff people holding a permission (the back office is small: one access read per staff member). */
export async function staffHolding(db: Db, permission: Permission) {
  const people = await listStaffPeople(db);
  const out: { id: string; name: string; email: string }[] = [];
  for (const person of people) {
    const access = await staffAccessOf(db, person.id);
    if (!access.blocked && access.permissions.includes(permission)) out.push(person);
  }
  return out;
}

/** Refuses a user who cannot work requests (an assignee, a queue member). */
export async function assertOperator(db: Db, userId: string, path: string): Promise<void> {
  const access = await staffAccessOf(db, userId);
  if (access.blocked || !access.permissions.includes('support.work')) {
    throw new AppError('VALIDATION_FAILED', 'Not a support operator', [
      { path, message: `${userId} cannot work support requests` },
    ]);
  }
}

/** `@handle` is the local part of a staff member's e-mail (`@support` for support@…). */
export async function resolveMentions(db: Db, text: string, explicit: string[]): Promise<string[]> {
  const handles = new Set(
    [...text.matchAll(/(^|[^\p{L}\p{N}._-])@([\p{L}\p{N}._-]+)/gu)].map((m) =>
      (m[2] as string).toLowerCase().replace(/[._-]+$/, ''),
    ),
  );
  const staff = await listStaffPeople(db);
  const ids = new Set<string>();
  for (const person of staff) {
    const handle = person.email.split('@')[0]?.toLowerCase();
    if (handle && handles.has(handle)) ids.add(person.id);
  }
  const known = new Set(staff.map((p) => p.id));
  for (const id of explicit) {
    if (!known.has(id)) {
      throw new AppError('VALIDATION_FAILED', 'Unknown staff member', [
        { path: 'body.mentions', message: `${id} is not staff` },
      ]);
    }
    ids.add(id);
  }
  return [...ids];
}
