import type { Actor } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { getPerson } from '../people/people.service.js';
import { staffAccessOf } from '../people/staff-roles.service.js';

/**
 * The person a staff member acts on (block, impersonate, change roles), refusing themselves and anyone
 * holding a permission the staff member lacks — so support can never act on an admin. Unknown: 404.
 */
export async function targetFor(db: Db, actor: Actor, userId: string) {
  const person = await getPerson(db, userId);
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  if (person.id === actor.id) throw new AppError('CONFLICT', 'You cannot do this to yourself');
  const access = await staffAccessOf(db, userId);
  const mine = new Set(actor.permissions);
  if (access.permissions.some((p) => !mine.has(p))) {
    throw new AppError('FORBIDDEN', 'This person has permissions you do not have');
  }
  return { person, access };
}
