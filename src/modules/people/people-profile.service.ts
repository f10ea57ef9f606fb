import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { employees, staffMembers, users } from './people.tables.js';

export interface ProfileChanges {
  name?: string | undefined;
  locale?: 'ru' | 'en' | undefined;
  timeZone?: string | undefined;
}

/** Updates the person's own profile fields; returns the row, or null when there is no such person. */
export async function updatePersonProfile(db: Db, userId: string, changes: ProfileChanges) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const [row] = await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  return row ?? null;
}

/** Sets (or clears) the picture URL of a person. */
export async function setPersonImage(db: Db, userId: string, image: string | null): Promise<void> {
  await db.update(users).set({ image, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Whether an e-mail address belongs to anyone (case-insensitive). */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row !== undefined;
}

/** Moves the person to a new, confirmed e-mail address. */
export async function setPersonEmail(db: Db, userId: string, email: string): Promise<void> {
  await db
    .update(users)
    .set({ email: email.trim().toLowerCase(), emailVerified: true, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export const erasedPersonName = 'Удалённый пользователь';
export const erasedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/**
 * Keeps the row (documents and audit entries point at it) but removes everything that identifies the
 * person; staff roles go, an employee record stays for HR retention (it names no one without the row).
 */
export async function anonymisePerson(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({
      name: erasedPersonName,
      email: erasedEmail(userId),
      emailVerified: false,
      image: null,
      phone: null,
      locale: 'ru',
      timeZone: 'Europe/Moscow',
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  await db.delete(staffMembers).where(eq(staffMembers.userId, userId));
}

/** The person's row with staff roles and employee record, for their data export. */
export async function personRecordOf(db: Db, userId: string) {
  const [person] = await db.select().from(users).where(eq(users.id, userId));
  if (!person) return null;
  const [staff] = await db.select().from(staffMembers).where(eq(staffMembers.userId, userId));
  const [employee] = await db.select().from(employees).where(eq(employees.userId, userId));
  return { person, staffRoles: staff?.roles ?? [], employee: employee ?? null };
}
