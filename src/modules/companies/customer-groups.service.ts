import { count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { companies, customerGroups } from './companies.tables.js';

const duplicate = () =>
  new AppError('CONFLICT', 'A group with this name exists', [
    { path: 'body.name', message: 'A group with this name exists' },
  ]);
const isUniqueViolation = (error: unknown) => {
  const e = error as { cause?: { code?: string }; code?: string };
  return (e.cause?.code ?? e.code) === '23505';
};

/** Customer groups with their descriptions and the number of companies in each, by name. */
export async function listCustomerGroupsWithCounts(db: Db) {
  const groups = await db.select().from(customerGroups).orderBy(customerGroups.name);
  const counts = await db
    .select({ id: companies.customerGroupId, n: count() })
    .from(companies)
    .groupBy(companies.customerGroupId);
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    companies: byId.get(g.id) ?? 0,
  }));
}

/** Creates a customer group (idempotent by name when `ensure` is set, as the demo seed needs). */
export async function createCustomerGroup(
  db: Db,
  input: { name: string; description?: string | null | undefined },
  { ensure = false } = {},
): Promise<string> {
  const [existing] = await db
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(eq(customerGroups.name, input.name));
  if (existing) {
    if (ensure) return existing.id;
    throw duplicate();
  }
  const id = uuidv7();
  try {
    await db.insert(customerGroups).values({ id, name: input.name, description: input.description ?? null });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return id;
}

/** Renames or re-describes a customer group. */
export async function updateCustomerGroup(
  db: Db,
  groupId: string,
  input: { name?: string | undefined; description?: string | null | undefined },
): Promise<void> {
  try {
    const updated = await db
      .update(customerGroups)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      })
      .where(eq(customerGroups.id, groupId))
      .returning({ id: customerGroups.id });
    if (updated.length === 0) throw new AppError('NOT_FOUND', 'No such customer group');
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** Deletes a customer group; its companies are left without a group. */
export async function deleteCustomerGroup(db: Db, groupId: string): Promise<void> {
  const deleted = await db
    .delete(customerGroups)
    .where(eq(customerGroups.id, groupId))
    .returning({ id: customerGroups.id });
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'No such customer group');
}

/** True when the group exists. */
export async function customerGroupExists(db: Db, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(eq(customerGroups.id, groupId));
  return row !== undefined;
}
