import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { AppError, type FieldProblem } from '../../../server/core/errors.js';
import { customerGroupExists, getCompany } from '../../companies/companies.service.js';
import { getPerson } from '../../people/people.service.js';
import { categories, products } from '../catalog.tables.js';

/** Access of every back-office catalog route. */
export const manage = { access: { permission: 'catalog.manage' as const } };

/** A 400 with one or more field problems. */
export function invalid(
  errors: FieldProblem[] | FieldProblem,
  message = 'Some fields are not valid',
): AppError {
  return new AppError('VALIDATION_FAILED', message, Array.isArray(errors) ? errors : [errors]);
}

/** A 404 for a catalog thing. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `No such ${what}`);
}

/** Nullable optional UUID list (visibility by customer groups: null means everyone). */
export const groupIdsField = z.array(z.uuid()).max(100).nullable();

/** A quantity: positive, three decimals at most. */
export const qtyField = z.number().positive().max(1e9).multipleOf(0.001);

/** Refuses customer group ids that the companies module does not know (validated through its service). */
export async function checkGroups(db: Db, ids: readonly string[] | null | undefined, path: string) {
  if (!ids) return;
  const problems: FieldProblem[] = [];
  for (const [i, id] of ids.entries()) {
    if (!(await customerGroupExists(db, id)))
      problems.push({ path: `${path}.${i}`, message: 'No such customer group' });
  }
  if (problems.length > 0) throw invalid(problems);
}

/** Refuses one customer group id that does not exist. */
export async function checkGroup(db: Db, id: string | null | undefined, path: string) {
  if (id && !(await customerGroupExists(db, id))) throw invalid({ path, message: 'No such customer group' });
}

/** Refuses a company id that does not exist. */
export async function checkCompany(db: Db, id: string | null | undefined, path: string) {
  if (id && !(await getCompany(db, id))) throw invalid({ path, message: 'No such company' });
}

/** Refuses a person id that does not exist. */
export async function checkPerson(db: Db, id: string | null | undefined, path: string) {
  if (id && !(await getPerson(db, id))) throw invalid({ path, message: 'No such person' });
}

/** Refuses a category id that does not exist. */
export async function checkCategory(db: Db, id: string | null | undefined, path: string) {
  if (!id) return;
  const found = await db
    .select({ id: categories.id })
    .from(categories)
    .where(inArray(categories.id, [id]));
  if (found.length === 0) throw invalid({ path, message: 'No such category' });
}

/** Refuses product ids that do not exist (each missing one gets its own field path). */
export async function checkProducts(db: Db, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .select({ id: products.id })
        .from(products)
        .where(inArray(products.id, [...ids]))
    ).map((r) => r.id),
  );
  const problems = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `${path}.${i}`, message: 'No such product' }],
  );
  if (problems.length > 0) throw invalid(problems);
}

/** True when a database error is a unique violation (PostgreSQL 23505), maybe wrapped by Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** ISO string of a date, or null. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
