/**
 * Permission keys and the roles that grant them. Routes declare the permission they need; nothing else in
 * the code compares role names.
 */

/** Back-office (staff) permissions. */
export const permissions = [
  'devMailbox.read',
  'settings.manage',
  'jobs.read',
  'companies.read',
  'audit.read',
  'companies.manage',
  'people.manage',
] as const;

export type Permission = (typeof permissions)[number];

export const staffRoles = {
  admin: permissions,
  manager: ['companies.read', 'companies.manage'],
  support: ['companies.read', 'people.manage'],
} as const satisfies Record<string, readonly Permission[]>;

export type StaffRole = keyof typeof staffRoles;

/** Every permission granted by a set of staff roles. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const p of staffRoles[role as StaffRole] ?? []) granted.add(p);
  }
  return [...granted];
}

/** Permissions inside a company (checked on /api/v1/orgs/{orgId}/... routes). */
export const orgPermissions = [
  'company.read',
  'company.manage',
  'members.read',
  'members.manage',
  'orders.read',
  'orders.place',
  'orders.approve',
  'finance.read',
  'roles.manage',
  'owners.manage',
] as const;

export type OrgPermission = (typeof orgPermissions)[number];

export const orgRoles = {
  owner: orgPermissions,
  admin: orgPermissions.filter((p) => p !== 'owners.manage'),
  buyer: ['company.read', 'members.read', 'orders.read', 'orders.place'],
  approver: ['company.read', 'members.read', 'orders.read', 'orders.approve'],
  accountant: ['company.read', 'members.read', 'orders.read', 'finance.read'],
  viewer: ['company.read', 'orders.read'],
} as const satisfies Record<string, readonly OrgPermission[]>;

export type OrgRole = keyof typeof orgRoles;

/** Keys a company admin may put into a custom role: managing owners stays with the owners. */
export const customRolePermissions = orgPermissions.filter((p) => p !== 'owners.manage');

/** Name of the `role` of a membership that uses a custom role (its permissions come from the database). */
export const customRole = 'custom';

/** Permissions of an org role; an unknown role grants nothing. */
export function orgPermissionsOf(role: string): OrgPermission[] {
  return [...(orgRoles[role as OrgRole] ?? [])];
}
