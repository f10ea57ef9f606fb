import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import {
  permissions as allPermissions,
  allPermissionsRole,
  knownPermissions,
  type Permission,
} from '../../shared/permissions.js';
import { staffMembers, users } from './people.tables.js';
import { staffRoles } from './staff.tables.js';

export interface StaffRoleView {
  key: string;
  name: { ru: string; en: string };
  permissions: Permission[];
  builtIn: boolean;
  sections: string[] | null;
}

function present(row: typeof staffRoles.$inferSelect): StaffRoleView {
  return {
    key: row.key,
    name: row.name,
    permissions: row.key === allPermissionsRole ? [...allPermissions] : knownPermissions(row.permissions),
    builtIn: row.builtIn,
    sections: row.sections,
  };
}

/** Every staff role, built-in first. */
export async function listStaffRoles(db: Db): Promise<StaffRoleView[]> {
  const rows = await db
    .select()
    .from(staffRoles)
    .orderBy(sql`${staffRoles.builtIn} desc`, asc(staffRoles.key));
  return rows.map(present);
}

/** One staff role, or null. */
export async function getStaffRole(db: Db, key: string): Promise<StaffRoleView | null> {
  const [row] = await db.select().from(staffRoles).where(eq(staffRoles.key, key));
  return row ? present(row) : null;
}

/**
 * Creates or changes a role. The admin role keeps every permission (so the back office can never lock
 * itself out); its name and sections may change.
 */
export async function saveStaffRole(
  db: Db,
  key: string,
  input: { name: { ru: string; en: string }; permissions: string[]; sections: string[] | null },
): Promise<{ role: StaffRoleView; created: boolean; before: StaffRoleView | null }> {
  const before = await getStaffRole(db, key);
  const unknown = input.permissions.filter((p) => !(allPermissions as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Unknown permission', [
      { path: 'body.permissions', message: `Unknown permission: ${unknown.join(', ')}` },
    ]);
  }
  const permissions = key === allPermissionsRole ? [...allPermissions] : knownPermissions(input.permissions);
  await db
    .insert(staffRoles)
    .values({ key, name: input.name, permissions, sections: input.sections, builtIn: false })
    .onConflictDoUpdate({
      target: staffRoles.key,
      set: { name: input.name, permissions, sections: input.sections, updatedAt: sql`now()` },
    });
  const role = await getStaffRole(db, key);
  if (!role) throw new Error(`staff role ${key} was not stored`);
  return { role, created: before === null, before };
}

/** Deletes a role that is not built in and that nobody holds. */
export async function deleteStaffRole(db: Db, key: string): Promise<void> {
  const role = await getStaffRole(db, key);
  if (!role) throw new AppError('NOT_FOUND', 'No such role');
  if (role.builtIn) throw new AppError('CONFLICT', 'A built-in role cannot be deleted');
  const holders = await db.$count(staffMembers, sql`${key} = any(${staffMembers.roles})`);
  if (holders > 0) throw new AppError('CONFLICT', 'Some staff members still hold this role');
  await db.delete(staffRoles).where(eq(staffRoles.key, key));
}

/** Refuses role keys that are not in the staff_roles table. */
export async function assertRolesExist(db: Db, keys: string[]): Promise<void> {
  const known = new Set((await db.select({ key: staffRoles.key }).from(staffRoles)).map((r) => r.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Unknown role', [
      { path: 'body.roles', message: `Unknown role: ${unknown.join(', ')}` },
    ]);
  }
}

export interface StaffAccess {
  blocked: boolean;
  /** Keys of the person's staff roles (empty for people who are not staff). */
  roles: string[];
  permissions: Permission[];
  /** Web sections the person may see; null means every section. */
  sections: string[] | null;
}

/**
 * A person's back-office access in one query: the union of their staff roles' permissions (read from
 * staff_roles, so an admin's edit applies at the next request), whether they are blocked, and the web
 * sections their roles allow.
 */
export async function staffAccessOf(db: Db, userId: string): Promise<StaffAccess> {
  const rows = await db
    .select({
      blockedAt: users.blockedAt,
      key: staffRoles.key,
      permissions: staffRoles.permissions,
      sections: staffRoles.sections,
    })
    .from(users)
    .leftJoin(staffMembers, eq(staffMembers.userId, users.id))
    .leftJoin(staffRoles, sql`${staffRoles.key} = any(${staffMembers.roles})`)
    .where(eq(users.id, userId));
  const granted = new Set<Permission>();
  let sections: Set<string> | null = new Set();
  const roles: string[] = [];
  for (const row of rows) {
    if (!row.key) continue;
    roles.push(row.key);
    const keys = row.key === allPermissionsRole ? allPermissions : knownPermissions(row.permissions ?? []);
    for (const p of keys) granted.add(p);
    if (row.sections === null) sections = null;
    else if (sections) for (const s of row.sections) sections.add(s);
  }
  return {
    blocked: Boolean(rows[0]?.blockedAt),
    roles,
    permissions: [...granted],
    sections: roles.length > 0 && sections ? [...sections] : null,
  };
}
