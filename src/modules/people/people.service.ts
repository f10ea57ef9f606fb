import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { employees, staffMembers, users } from './people.tables.js';

export interface NewPerson {
  name: string;
  email: string;
  phone?: string;
  locale?: 'ru' | 'en';
  /** Seeded and staff-created people may start verified; self-registered ones verify by link. */
  emailVerified?: boolean;
  /** Seeded people's phones count as confirmed, so they can sign in by an SMS code. */
  phoneVerified?: boolean;
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
      emailVerified: person.emailVerified ?? false,
      phoneNumberVerified: Boolean(person.phone) && (person.phoneVerified ?? false),
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

/** Staff roles of a person (empty when they are not staff). */
export async function staffRolesOf(db: Db, userId: string): Promise<string[]> {
  const [row] = await db
    .select({ roles: staffMembers.roles })
    .from(staffMembers)
    .where(eq(staffMembers.userId, userId));
  return row?.roles ?? [];
}

/** The person's employee record, if they work for the business. */
export async function employeeRecordOf(db: Db, userId: string) {
  const [row] = await db.select().from(employees).where(eq(employees.userId, userId));
  return row ?? null;
}

/** Names and e-mails of people by id, in one query. */
export async function peopleByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; email: string; locale: string | null }>();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, locale: r.locale }]));
}

/** One person's public profile fields. */
export async function getPerson(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** A person by e-mail (case-insensitive), or null. */
export async function findPersonByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** Staff people (anyone with a back-office role), by name: managers are assigned from them. */
export async function listStaffPeople(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .orderBy(users.name);
}

/** Marks a person's e-mail as verified (an invitation link that came to that address proves it). */
export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ emailVerified: true, updatedAt: new Date() }).where(eq(users.id, userId));
}
