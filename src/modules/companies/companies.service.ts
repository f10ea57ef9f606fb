import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
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

/** Creates a company, or returns the existing one with the same INN and KPP (idempotent). */
export async function ensureCompany(db: Db, company: NewCompany): Promise<string> {
  const kpp = company.kpp ?? null;
  const find = () =>
    db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.inn, company.inn), kpp ? eq(companies.kpp, kpp) : isNull(companies.kpp)));
  const [existing] = await find();
  if (existing) return existing.id;
  const id = uuidv7();
  await db.insert(companies).values({ id, ...company, kpp, ogrn: company.ogrn ?? null });
  return id;
}

/** Adds a person to a company with an org role (idempotent). */
export async function ensureMember(db: Db, companyId: string, userId: string, role: string): Promise<void> {
  await db.insert(companyMembers).values({ companyId, userId, role }).onConflictDoNothing();
}
