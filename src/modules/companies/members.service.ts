import { and, asc, count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { customRole, customRolePermissions, type OrgPermission, orgRoles } from '../../shared/permissions.js';
import { companyMembers, companyRoles } from './companies.tables.js';

/** A role to give a member: a built-in org role, or a custom role of the same company by id. */
export type RoleChoice = { role: string; customRoleId?: null } | { role?: undefined; customRoleId: string };

/** The acting member: their permissions decide whether they may touch owners. */
export interface MemberActor {
  userId: string;
  permissions: readonly OrgPermission[];
}

const ownerRole = 'owner';
const builtInRoles = new Set(Object.keys(orgRoles));

/** Resolves a role choice to the columns of a membership; an unknown role or another company's role is a 400. */
export async function resolveRole(db: Db, companyId: string, choice: RoleChoice) {
  if (choice.customRoleId) {
    const [row] = await db
      .select({ id: companyRoles.id })
      .from(companyRoles)
      .where(and(eq(companyRoles.id, choice.customRoleId), eq(companyRoles.companyId, companyId)));
    if (!row)
      throw new AppError('VALIDATION_FAILED', 'No such role', [
        { path: 'body.customRoleId', message: 'No such role in this company' },
      ]);
    return { role: customRole, customRoleId: row.id };
  }
  if (!choice.role || !builtInRoles.has(choice.role)) {
    throw new AppError('VALIDATION_FAILED', 'Unknown role', [{ path: 'body.role', message: 'Unknown role' }]);
  }
  return { role: choice.role, customRoleId: null };
}

function requireOwnerRights(actor: MemberActor) {
  if (!actor.permissions.includes('owners.manage')) {
    throw new AppError('FORBIDDEN', 'Only an owner can manage owners');
  }
}

/** Locks the company's owner rows and counts them, so two demotions cannot both leave it without an owner. */
async function lockedOwnerCount(tx: Db, companyId: string): Promise<number> {
  const owners = await tx
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.role, ownerRole)))
    .for('update');
  return owners.length;
}

async function memberRow(tx: Db, companyId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'No such member');
  return row;
}

/** Changes a member's role; owners only by owners, and never the last owner away. Returns the old role. */
export async function changeMemberRole(
  db: Db,
  companyId: string,
  actor: MemberActor,
  userId: string,
  choice: RoleChoice,
): Promise<{ from: string; to: string }> {
  return db.transaction(async (tx) => {
    const member = await memberRow(tx, companyId, userId);
    const next = await resolveRole(tx, companyId, choice);
    if (member.role === ownerRole || next.role === ownerRole) requireOwnerRights(actor);
    if (
      member.role === ownerRole &&
      next.role !== ownerRole &&
      (await lockedOwnerCount(tx, companyId)) <= 1
    ) {
      throw new AppError('LAST_OWNER', 'The company must keep at least one owner');
    }
    await tx
      .update(companyMembers)
      .set(next)
      .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
    return { from: member.customRoleId ?? member.role, to: next.customRoleId ?? next.role };
  });
}

/** Removes a member (or lets a member leave); owners only by owners, never the last owner. */
export async function removeMember(
  db: Db,
  companyId: string,
  actor: MemberActor,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await memberRow(tx, companyId, userId);
    if (member.role === ownerRole) {
      if (actor.userId !== userId) requireOwnerRights(actor);
      if ((await lockedOwnerCount(tx, companyId)) <= 1) {
        throw new AppError(
          'LAST_OWNER',
          'The last owner cannot leave the company; make someone else an owner first',
        );
      }
    }
    await tx
      .delete(companyMembers)
      .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  });
}

/** Adds a person with a role, or leaves an existing member as they are. */
export async function addMember(
  db: Db,
  companyId: string,
  userId: string,
  role: { role: string; customRoleId: string | null },
): Promise<void> {
  await db
    .insert(companyMembers)
    .values({ companyId, userId, role: role.role, customRoleId: role.customRoleId })
    .onConflictDoNothing();
}

/** Custom roles of a company with the number of members holding each. */
export async function listCustomRoles(db: Db, companyId: string) {
  const roles = await db
    .select()
    .from(companyRoles)
    .where(eq(companyRoles.companyId, companyId))
    .orderBy(asc(companyRoles.name));
  const counts = await db
    .select({ id: companyMembers.customRoleId, members: count() })
    .from(companyMembers)
    .where(eq(companyMembers.companyId, companyId))
    .groupBy(companyMembers.customRoleId);
  const byId = new Map(counts.map((c) => [c.id, c.members]));
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    permissions: r.permissions,
    members: byId.get(r.id) ?? 0,
  }));
}

/** Keeps only keys a custom role may hold; every member can at least see the company. */
function normalise(permissions: string[]): string[] {
  const allowed = new Set<string>(customRolePermissions);
  const kept = new Set(permissions.filter((p) => allowed.has(p)));
  kept.add('company.read');
  return customRolePermissions.filter((p) => kept.has(p));
}

const duplicateName = () =>
  new AppError('CONFLICT', 'A role with this name exists', [
    { path: 'body.name', message: 'A role with this name exists' },
  ]);

const isUniqueViolation = (error: unknown) => {
  const e = error as { cause?: { code?: string }; code?: string };
  return (e.cause?.code ?? e.code) === '23505';
};

/** Creates a custom role from org permission keys. */
export async function createCustomRole(
  db: Db,
  companyId: string,
  input: { name: string; permissions: string[] },
): Promise<string> {
  if (builtInRoles.has(input.name) || input.name === customRole) throw duplicateName();
  const id = uuidv7();
  try {
    await db
      .insert(companyRoles)
      .values({ id, companyId, name: input.name, permissions: normalise(input.permissions) });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
  return id;
}

/** Renames a custom role or changes its keys; its members get the new rights at once. */
export async function updateCustomRole(
  db: Db,
  companyId: string,
  roleId: string,
  input: { name?: string | undefined; permissions?: string[] | undefined },
): Promise<void> {
  if (input.name && builtInRoles.has(input.name)) throw duplicateName();
  try {
    const updated = await db
      .update(companyRoles)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.permissions ? { permissions: normalise(input.permissions) } : {}),
      })
      .where(and(eq(companyRoles.id, roleId), eq(companyRoles.companyId, companyId)))
      .returning({ id: companyRoles.id });
    if (updated.length === 0) throw new AppError('NOT_FOUND', 'No such role');
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/** Deletes a custom role nobody holds (pending invitations with it are dropped with it). */
export async function deleteCustomRole(db: Db, companyId: string, roleId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [held] = await tx
      .select({ n: count() })
      .from(companyMembers)
      .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.customRoleId, roleId)));
    if ((held?.n ?? 0) > 0)
      throw new AppError('CONFLICT', 'Members still hold this role; give them another role first');
    const deleted = await tx
      .delete(companyRoles)
      .where(and(eq(companyRoles.id, roleId), eq(companyRoles.companyId, companyId)))
      .returning({ id: companyRoles.id });
    if (deleted.length === 0) throw new AppError('NOT_FOUND', 'No such role');
  });
}
