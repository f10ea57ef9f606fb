import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { employees, staffMembers, users } from './people.tables.js';

export interface NewPerson {
  name: string;
  email: string;
  phone?: string;
  locale?: 'ru' | 'en';
}

/** Creates a person, or returns the id of the existing one with the same e-mail (idempotent). */
export async function ensurePerson(db: Db, person: NewPerson): Promise<string> {
  const email = person.email.trim().toLowerCase();
  await db
    .insert(users)
    .values({
      id: uuidv7(),
      name: person.name,
      email,
      phone: person.phone ?? null,
      locale: person.locale ?? 'ru',
    })
    .onConflictDoNothing({ target: users.email });
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`person ${email} was not stored`);
  return row.id;
}

/** Gives a person back-office roles. */
export async function ensureStaff(db: Db, userId: string, roles: string[]): Promise<void> {
  await db.insert(staffMembers).values({ userId, roles }).onConflictDoNothing();
}

/** Records a person as an employee of the business. */
export async function ensureEmployee(
  db: Db,
  userId: string,
  job: { position: string; department: string; hiredOn: string },
): Promise<void> {
  await db
    .insert(employees)
    .values({ userId, ...job })
    .onConflictDoNothing();
}

/** Number of people; the demo seed runs only on an empty database. */
export async function countPeople(db: Db): Promise<number> {
  return db.$count(users);
}
