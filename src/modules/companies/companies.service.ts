import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { type OrgPermission, orgPermissions, orgPermissionsOf } from '../../shared/permissions.js';
import { notify } from '../notifications/notifications.service.js';
import { peopleByIds } from '../people/people.service.js';
import { listBankAccounts } from './bank-accounts.service.js';
import { companies, companyMembers, companyRoles, customerGroups } from './companies.tables.js';

export type CompanyKind = 'client' | 'partner' | 'supplier';

export interface NewCompany {
  name: string;
  legalName: string;
  kinds: CompanyKind[];
  inn: string;
  kpp?: string;
  ogrn?: string;
  legalAddress?: string;
  postalAddress?: string;
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

/** The person's role in a company (a custom role by its name), or null when they are not a member. */
export async function roleIn(db: Db, companyId: string, userId: string): Promise<string | null> {
  return (await membershipIn(db, companyId, userId))?.role ?? null;
}

const knownOrgPermissions = new Set<string>(orgPermissions);

/**
 * The person's role in a company with the permissions it grants, or null when they are not a member. A
 * custom role's permissions come from its row (unknown keys are ignored).
 */
export async function membershipIn(db: Db, companyId: string, userId: string) {
  const [row] = await db
    .select({ role: companyMembers.role, customName: companyRoles.name, custom: companyRoles.permissions })
    .from(companyMembers)
    .leftJoin(
      companyRoles,
      and(
        eq(companyRoles.id, companyMembers.customRoleId),
        eq(companyRoles.companyId, companyMembers.companyId),
      ),
    )
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  if (!row) return null;
  if (row.custom) {
    const permissions = row.custom.filter((p): p is OrgPermission => knownOrgPermissions.has(p));
    return { role: row.customName ?? row.role, permissions };
  }
  return { role: row.role, permissions: orgPermissionsOf(row.role) };
}

/**
 * Every company the person belongs to, with their role (a custom role by its name) and the company's
 * customer group, in name order.
 */
export async function membershipsOf(db: Db, userId: string) {
  return db
    .select({
      id: companies.id,
      name: companies.name,
      kinds: companies.kinds,
      role: sql<string>`coalesce(${companyRoles.name}, ${companyMembers.role})`,
      customerGroupId: companies.customerGroupId,
    })
    .from(companyMembers)
    .innerJoin(companies, eq(companies.id, companyMembers.companyId))
    .leftJoin(companyRoles, eq(companyRoles.id, companyMembers.customRoleId))
    .where(eq(companyMembers.userId, userId))
    .orderBy(companies.name);
}

/** A company's card; scope it by membership before calling (the org guard does). */
export async function getCompany(db: Db, companyId: string) {
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row ?? null;
}

/** Several companies by id in one query; unknown ids are absent. */
export async function getCompanies(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, typeof companies.$inferSelect>();
  const rows = await db.select().from(companies).where(inArray(companies.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Companies by ИНН in one query (several when branches share an ИНН with different КПП): id, ИНН and КПП. */
export async function companiesByInn(db: Db, inns: readonly string[]) {
  const unique = [...new Set(inns)];
  if (unique.length === 0) return [];
  return db
    .select({ id: companies.id, inn: companies.inn, kpp: companies.kpp })
    .from(companies)
    .where(inArray(companies.inn, unique));
}

/** Members of a company with their names and roles (names come from the people module). */
export async function listMembers(db: Db, companyId: string) {
  const rows = await db
    .select({
      userId: companyMembers.userId,
      role: companyMembers.role,
      customRoleId: companyMembers.customRoleId,
      customRoleName: companyRoles.name,
      joinedAt: companyMembers.createdAt,
    })
    .from(companyMembers)
    .leftJoin(companyRoles, eq(companyRoles.id, companyMembers.customRoleId))
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

export type CompanyStatus = 'pending' | 'active' | 'rejected';

/** Companies for the back office, newest first: by status, kind and a search in name, legal name or INN. */
export async function listCompanies(
  db: Db,
  filter: { status?: CompanyStatus | undefined; kind?: CompanyKind | undefined; q?: string | undefined },
  page: { limit: number; before?: string | undefined },
) {
  const q = filter.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(companies)
    .where(
      and(
        filter.status ? eq(companies.status, filter.status) : undefined,
        filter.kind ? sql`${filter.kind} = any(${companies.kinds})` : undefined,
        pattern
          ? or(
              ilike(companies.name, pattern),
              ilike(companies.legalName, pattern),
              ilike(companies.inn, pattern),
            )
          : undefined,
        page.before ? lt(companies.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(companies.id))
    .limit(page.limit + 1);
}

/** Creates an active company on behalf of staff; the same INN and KPP twice is a conflict on the INN. */
export async function createCompany(
  db: Db,
  company: NewCompany & {
    managerId?: string | null;
    customerGroupId?: string | null;
    creditLimit?: number | null;
    paymentTermDays?: number;
  },
): Promise<string> {
  const kpp = company.kpp ?? null;
  if (await findCompanyId(db, company.inn, kpp)) {
    throw new AppError('CONFLICT', 'A company with this INN and KPP is already registered', [
      { path: 'body.inn', message: 'A company with this INN and KPP is already registered' },
    ]);
  }
  const id = uuidv7();
  await db.insert(companies).values({ id, ...company, kpp, ogrn: company.ogrn ?? null, status: 'active' });
  return id;
}

export interface CompanyChanges {
  name?: string | undefined;
  legalName?: string | undefined;
  kinds?: CompanyKind[] | undefined;
  inn?: string | undefined;
  kpp?: string | null | undefined;
  ogrn?: string | null | undefined;
  legalAddress?: string | null | undefined;
  postalAddress?: string | null | undefined;
  managerId?: string | null | undefined;
  customerGroupId?: string | null | undefined;
  creditLimit?: number | null | undefined;
  paymentTermDays?: number | undefined;
}

/** Changes a company's details; returns false when there is no such company. */
export async function updateCompany(db: Db, companyId: string, changes: CompanyChanges): Promise<boolean> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return (await getCompany(db, companyId)) !== null;
  try {
    const updated = await db
      .update(companies)
      .set(set)
      .where(eq(companies.id, companyId))
      .returning({ id: companies.id });
    return updated.length > 0;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string }; code?: string };
    if ((e.cause?.code ?? e.code) === '23505') {
      throw new AppError('CONFLICT', 'A company with this INN and KPP is already registered', [
        { path: 'body.inn', message: 'A company with this INN and KPP is already registered' },
      ]);
    }
    throw error;
  }
}

/** Customer (price) groups by name: the staff back office and prices read them here. */
export async function listCustomerGroups(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: customerGroups.id, name: customerGroups.name })
    .from(customerGroups)
    .orderBy(asc(customerGroups.name));
}

/** True when a customer group with this id exists. */
export async function customerGroupExists(db: Db, groupId: string): Promise<boolean> {
  // Ids are UUIDs; anything else would make PostgreSQL reject the query instead of finding nothing.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(groupId)) return false;
  const [row] = await db
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(eq(customerGroups.id, groupId));
  return row !== undefined;
}

/**
 * Approves or rejects a pending company and notifies its owners in the app; returns false when it is not
 * pending.
 */
export async function decideCompany(
  db: Db,
  companyId: string,
  decision: 'active' | 'rejected',
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(companies)
      .set({ status: decision })
      .where(and(eq(companies.id, companyId), eq(companies.status, 'pending')))
      .returning({ id: companies.id, name: companies.name });
    if (!updated) return false;
    const owners = await tx
      .select({ userId: companyMembers.userId })
      .from(companyMembers)
      .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.role, 'owner')));
    const name = updated.name;
    await notify(tx, {
      userIds: owners.map((o) => o.userId),
      kind: decision === 'active' ? 'company.approved' : 'company.rejected',
      ...(decision === 'active'
        ? {
            title: { ru: `Компания «${name}» подтверждена`, en: `Company “${name}” approved` },
            body: {
              ru: 'Кабинет компании открыт: можно приглашать сотрудников и оформлять заказы.',
              en: 'The company cabinet is open: invite your colleagues and place orders.',
            },
            link: `/orgs/${companyId}`,
          }
        : {
            title: { ru: `Компания «${name}» не подтверждена`, en: `Company “${name}” not approved` },
            body: {
              ru: 'Проверьте реквизиты или свяжитесь с нами.',
              en: 'Check the requisites or contact us.',
            },
          }),
      data: { companyId },
    });
    return true;
  });
}

/** A company with its bank accounts, customer group and manager: what its card shows. */
export async function companyCard(db: Db, companyId: string) {
  const company = await getCompany(db, companyId);
  if (!company) return null;
  const [accounts, group, people] = await Promise.all([
    listBankAccounts(db, companyId),
    company.customerGroupId
      ? db
          .select({ id: customerGroups.id, name: customerGroups.name })
          .from(customerGroups)
          .where(eq(customerGroups.id, company.customerGroupId))
      : Promise.resolve([]),
    peopleByIds(db, company.managerId ? [company.managerId] : []),
  ]);
  const manager = company.managerId ? people.get(company.managerId) : undefined;
  return {
    company,
    bankAccounts: accounts,
    customerGroup: group[0] ?? null,
    manager: manager && company.managerId ? { id: company.managerId, ...manager } : null,
  };
}

/** The card's public fields, one by one. */
export function presentCompany(card: NonNullable<Awaited<ReturnType<typeof companyCard>>>) {
  const c = card.company;
  return {
    id: c.id,
    name: c.name,
    legalName: c.legalName,
    kinds: c.kinds,
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    legalAddress: c.legalAddress,
    postalAddress: c.postalAddress,
    status: c.status,
    creditLimit: c.creditLimit,
    paymentTermDays: c.paymentTermDays,
    customerGroup: card.customerGroup,
    manager: card.manager,
    bankAccounts: card.bankAccounts.map((a) => ({
      id: a.id,
      bankName: a.bankName,
      bik: a.bik,
      settlementAccount: a.settlementAccount,
      correspondentAccount: a.correspondentAccount,
      isPrimary: a.isPrimary,
    })),
  };
}

/** Names and account managers of these companies (the back office's order lists); unknown ids are absent. */
export async function companySummariesOf(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; managerId: string | null }>();
  const rows = await db
    .select({ id: companies.id, name: companies.name, managerId: companies.managerId })
    .from(companies)
    .where(inArray(companies.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, managerId: r.managerId }]));
}

/** Ids of the companies a staff member manages (companies.manager_id). */
export async function companyIdsManagedBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: companies.id }).from(companies).where(eq(companies.managerId, userId));
  return rows.map((r) => r.id);
}
