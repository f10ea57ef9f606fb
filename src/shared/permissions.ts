/**
 * Back-office permission keys and the staff roles that grant them. Routes declare the permission they
 * need; nothing else in the code compares role names.
 */
export const permissions = ['devMailbox.read', 'settings.manage', 'jobs.read'] as const;

export type Permission = (typeof permissions)[number];

export const staffRoles = {
  admin: permissions,
  manager: [],
  support: [],
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
