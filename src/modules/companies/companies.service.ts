import { and, desc, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { orgPermissionsOf } from '../../shared/permissions.js';
import { peopleByIds } from '../people/people.service.js';
import { companies, companyMembers } from './companies.tables.js';

export type CompanyKind = 'client' | 'partner' | 'supplier';

export interface NewCompany {
  name: string;
  legalName: string;
  kinds: CompanyKind[];
  inn: string;
  kpp?: string;
  ogrn?: string;
  legalAddress?: string;
}

/** The id of the company with this INN and KPP (branches share the INN and differ by KPP), or null. */
async function findCompanyId(db: Db, inn: string, kpp: string | null): Promise<string | null> {
  const [row] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.inn, inn), kpp ? eq(companies.kpp, kpp) : isNull(companies.kpp)));
  return row?.id ?? null;
}

/** Creates a company, or returns the existing one with the same INN and KPP (idempotent). */
export async function ensureCompany(db: Db, company: NewCompany): Promise<string> {
  const kpp = company.kpp ?? null;
  const existing = await findCompanyId(db, company.inn, kpp);
  if (existing) return existing;
  const id = uuidv7();
  await db.insert(companies).values({ id, ...company, kpp, ogrn: company.ogrn ?? null });
  return id;
}

/** Adds a person to a company with an org role (idempotent). */
export async function ensureMember(db: Db, companyId: string, userId: string, role: string): Promise<void> {
  await db.insert(companyMembers).values({ companyId, userId, role }).onConflictDoNothing();
}

/** The person's role in a company, or null when they are not a member. */
export async function roleIn(db: Db, companyId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ role: companyMembers.role })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  return row?.role ?? null;
}

/** The person's role in a company with the permissions it grants, or null when they are not a member. */
export async function membershipIn(db: Db, companyId: string, userId: string) {
  const role = await roleIn(db, companyId, userId);
  return role ? { role, permissions: orgPermissionsOf(role) } : null;
}

/** Every company the person belongs to, with their role, in name order. */
export async function membershipsOf(db: Db, userId: string) {
  return db
    .select({ id: companies.id, name: companies.name, kinds: companies.kinds, role: companyMembers.role })
    .from(companyMembers)
    .innerJoin(companies, eq(companies.id, companyMembers.companyId))
    .where(eq(companyMembers.userId, userId))
    .orderBy(companies.name);
}

/** A company's card; scope it by membership before calling (the org guard does). */
export async function getCompany(db: Db, companyId: string) {
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row ?? null;
}

/** Members of a company with their names and roles (names come from the people module). */
export async function listMembers(db: Db, companyId: string) {
  const rows = await db
    .select({ userId: companyMembers.userId, role: companyMembers.role })
    .from(companyMembers)
    .where(eq(companyMembers.companyId, companyId));
  const people = await peopleByIds(
    db,
    rows.map((r) => r.userId),
  );
  return rows
    .map((r) => ({ ...r, name: people.get(r.userId)?.name ?? '', email: people.get(r.userId)?.email ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/**
 * Registers a company on a person's request: it waits for staff approval with the person as its owner.
 * A company with the same INN and KPP already in the portal is a conflict.
 */
export async function registerCompany(db: Db, userId: string, company: NewCompany): Promise<string> {
  return db
    .transaction(async (tx) => {
      const kpp = company.kpp ?? null;
      if (await findCompanyId(tx, company.inn, kpp)) {
        throw new AppError('CONFLICT', 'A company with this INN and KPP is already registered', [
          { path: 'body.inn', message: 'Already registered; ask the company admin to invite you' },
        ]);
      }
      const id = uuidv7();
      await tx
        .insert(companies)
        .values({ id, ...company, kpp, ogrn: company.ogrn ?? null, status: 'pending' });
      await tx.insert(companyMembers).values({ companyId: id, userId, role: 'owner' });
      return id;
    })
    .catch((error: Error & { cause?: { code?: string }; code?: string }) => {
      // Two registrations of one INN at the same moment: the unique index decides, the loser gets 409.
      if ((error.cause?.code ?? error.code) === '23505') {
        throw new AppError('CONFLICT', 'A company with this INN and KPP is already registered');
      }
      throw error;
    });
}

/** Companies waiting for approval (or in another status), newest first. */
export async function listCompaniesByStatus(db: Db, status: 'pending' | 'active' | 'rejected') {
  return db
    .select()
    .from(companies)
    .where(eq(companies.status, status))
    .orderBy(desc(companies.createdAt))
    .limit(100);
}

/** Approves or rejects a pending company; returns false when it is not pending. */
export async function decideCompany(
  db: Db,
  companyId: string,
  decision: 'active' | 'rejected',
): Promise<boolean> {
  const updated = await db
    .update(companies)
    .set({ status: decision })
    .where(and(eq(companies.id, companyId), eq(companies.status, 'pending')))
    .returning({ id: companies.id });
  return updated.length > 0;
}
