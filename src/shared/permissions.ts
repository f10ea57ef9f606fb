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
  'people.read',
  'people.manage',
  'people.impersonate',
  'staff.manage',
  'roles.manage',
  'catalog.manage',
  'integrations.manage',
  'delivery.manage',
  'orders.manage',
  'agreements.manage',
  'finance.manage',
  'support.work',
  'support.manage',
  'kb.manage',
  'loyalty.manage',
  'loyalty.till',
] as const;

export type Permission = (typeof permissions)[number];

/**
 * The built-in staff roles and their default permissions. The `staff_roles` table is seeded with these
 * (migration `staff_roles`) and an admin edits them there; the server reads a person's permissions from
 * the table. `admin` always holds every permission, so a new key never locks the back office out.
 */
export const staffRoles = {
  admin: permissions,
  manager: [
    'companies.read',
    'companies.manage',
    'people.read',
    'orders.manage',
    'agreements.manage',
    'finance.manage',
    // The personal manager answers their companies' chats and requests.
    'support.work',
    // Managers look customers up by their loyalty card at a store till.
    'loyalty.till',
  ],
  support: [
    'companies.read',
    'people.read',
    'people.impersonate',
    'support.work',
    'kb.manage',
    'loyalty.till',
  ],
  hr: ['people.read'],
  buyer: ['companies.read'],
  specialist: ['companies.read', 'people.read'],
  contentEditor: ['catalog.manage', 'kb.manage'],
} as const satisfies Record<string, readonly Permission[]>;

/** The role whose holders have every permission, whatever its stored list says. */
export const allPermissionsRole: StaffRole = 'admin';

/** Keeps only known permission keys (a stored list may hold a key that was since removed). */
export function knownPermissions(keys: readonly string[]): Permission[] {
  const known = new Set<string>(permissions);
  return [...new Set(keys.filter((k): k is Permission => known.has(k)))];
}

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
  'catalog.read',
  'addresses.read',
  'addresses.manage',
  'documents.read',
  'documents.request',
  'agreements.read',
  'agreements.edit',
  'agreements.approve',
] as const;

export type OrgPermission = (typeof orgPermissions)[number];

export const orgRoles = {
  owner: orgPermissions,
  admin: orgPermissions.filter((p) => p !== 'owners.manage'),
  buyer: [
    'company.read',
    'members.read',
    'orders.read',
    'orders.place',
    'catalog.read',
    'addresses.read',
    'documents.read',
    'documents.request',
    'agreements.read',
    'agreements.edit',
  ],
  approver: [
    'company.read',
    'members.read',
    'orders.read',
    'orders.approve',
    'catalog.read',
    'addresses.read',
    'documents.read',
    'agreements.read',
  ],
  accountant: [
    'company.read',
    'members.read',
    'orders.read',
    'finance.read',
    'catalog.read',
    'addresses.read',
    'documents.read',
    // Asking the supplier for an invoice is the accountant's everyday work.
    'documents.request',
    // Contracts and specifications are reviewed and approved by the accountant (docs/agreements.md).
    'agreements.read',
    'agreements.edit',
    'agreements.approve',
  ],
  viewer: ['company.read', 'orders.read', 'catalog.read', 'documents.read', 'agreements.read'],
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
