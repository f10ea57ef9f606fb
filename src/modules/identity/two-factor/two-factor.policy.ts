import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { type OrgRole, orgRoles } from '../../../shared/permissions.js';
import { membershipsOf } from '../../companies/companies.service.js';
import { defineSetting, getSetting, saveSetting } from '../../settings/settings.service.js';

const orgRoleKeys = Object.keys(orgRoles) as [OrgRole, ...OrgRole[]];

export const twoFactorPolicySchema = z
  .object({
    /** Everyone with a back-office role must use a second factor. */
    staff: z.boolean(),
    /** Company members with any of these roles must use a second factor. */
    orgRoles: z.array(z.enum(orgRoleKeys)).max(orgRoleKeys.length),
  })
  .meta({ id: 'TwoFactorPolicy', description: 'Who must use two-factor authentication' });

export type TwoFactorPolicy = z.infer<typeof twoFactorPolicySchema>;

export const twoFactorPolicySetting = defineSetting('twoFactorPolicy', twoFactorPolicySchema, {
  staff: false,
  orgRoles: [],
});

export function getTwoFactorPolicy(db: Db): Promise<TwoFactorPolicy> {
  return getSetting(db, twoFactorPolicySetting);
}

export async function saveTwoFactorPolicy(db: Db, policy: TwoFactorPolicy): Promise<void> {
  await saveSetting(db, twoFactorPolicySetting, { ...policy, orgRoles: [...new Set(policy.orgRoles)] });
}

/** Whether the policy requires a second factor of this person (staff roles given, companies looked up). */
export async function twoFactorRequiredFor(db: Db, userId: string, staffRoles: string[]): Promise<boolean> {
  const policy = await getTwoFactorPolicy(db);
  if (policy.staff && staffRoles.length > 0) return true;
  if (policy.orgRoles.length === 0) return false;
  const roles: string[] = policy.orgRoles;
  return (await membershipsOf(db, userId)).some((m) => roles.includes(m.role));
}
