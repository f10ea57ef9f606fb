import { z } from 'zod';
import { accountField, bikField, innField, kppField, ogrnField } from '../../shared/fields.js';
import { orgPermissions } from '../../shared/permissions.js';
import { isValidCorrespondentAccount, isValidSettlementAccount } from '../../shared/requisites.js';

export const orgParams = z.object({ orgId: z.string().max(64) });
export const kindEnum = z.enum(['client', 'partner', 'supplier']);
export const statusEnum = z.enum(['pending', 'active', 'rejected']);

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Legal details a company admin may edit (the INN is fixed: it identifies the company). */
export const detailsBody = z.object({
  name: text(200).optional(),
  legalName: text(300).optional(),
  kpp: kppField.nullable().optional(),
  ogrn: ogrnField.nullable().optional(),
  legalAddress: optionalText(500),
  postalAddress: optionalText(500),
});

/** What staff may change on a company on top of its details. */
export const adminDetailsBody = detailsBody.extend({
  inn: innField.optional(),
  kinds: z.array(kindEnum).min(1).optional(),
  managerId: z.string().max(64).nullable().optional(),
  customerGroupId: z.uuid().nullable().optional(),
  /** Kopecks. */
  creditLimit: z.number().int().min(0).max(1e15).nullable().optional(),
  /** Days of deferral for deferred-payment orders, counted from the first shipment. */
  paymentTermDays: z.number().int().min(0).max(3650).optional(),
});

export const createCompanyBody = z.object({
  name: text(200),
  legalName: text(300),
  inn: innField,
  kpp: kppField.optional(),
  ogrn: ogrnField.optional(),
  legalAddress: z.string().trim().max(500).optional(),
  postalAddress: z.string().trim().max(500).optional(),
  kinds: z.array(kindEnum).min(1).default(['client']),
  managerId: z.string().max(64).nullable().optional(),
  customerGroupId: z.uuid().nullable().optional(),
  creditLimit: z.number().int().min(0).max(1e15).nullable().optional(),
  /** Days of deferral for deferred-payment orders, counted from the first shipment. */
  paymentTermDays: z.number().int().min(0).max(3650).optional(),
});

const personRef = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const bankAccountSchema = z
  .object({
    id: z.string(),
    bankName: z.string(),
    bik: z.string(),
    settlementAccount: z.string(),
    correspondentAccount: z.string().nullable(),
    isPrimary: z.boolean(),
  })
  .meta({ id: 'BankAccount' });

export const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string(),
    kinds: z.array(z.string()),
    inn: z.string(),
    kpp: z.string().nullable(),
    ogrn: z.string().nullable(),
    legalAddress: z.string().nullable(),
    postalAddress: z.string().nullable(),
    status: statusEnum,
    creditLimit: z.number().nullable(),
    paymentTermDays: z.number(),
    customerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
    manager: personRef.nullable(),
    bankAccounts: z.array(bankAccountSchema),
    myRole: z.string(),
    myPermissions: z.array(z.string()),
  })
  .meta({ id: 'Company' });

export const bankAccountBody = z
  .object({
    bankName: text(300),
    bik: bikField,
    settlementAccount: accountField,
    correspondentAccount: accountField.nullable().optional(),
    isPrimary: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (!isValidSettlementAccount(v.settlementAccount, v.bik)) {
      ctx.addIssue({
        code: 'custom',
        path: ['settlementAccount'],
        message: 'Account key does not match the BIK: check the account and the BIK',
      });
    }
    if (v.correspondentAccount && !isValidCorrespondentAccount(v.correspondentAccount, v.bik)) {
      ctx.addIssue({
        code: 'custom',
        path: ['correspondentAccount'],
        message: 'Correspondent account key does not match the BIK: check the account and the BIK',
      });
    }
  });

export const bankAccountPatch = z.object({
  bankName: text(300).optional(),
  bik: bikField.optional(),
  settlementAccount: accountField.optional(),
  correspondentAccount: accountField.nullable().optional(),
  isPrimary: z.literal(true).optional(),
});

export const roleChoice = z.union([
  z.object({ role: z.string().max(40), customRoleId: z.null().optional() }),
  z.object({ customRoleId: z.uuid(), role: z.undefined().optional() }),
]);

export const memberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    customRoleId: z.string().nullable(),
    roleName: z.string(),
    joinedAt: z.string(),
  })
  .meta({ id: 'CompanyMember' });

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    customRoleId: z.string().nullable(),
    roleName: z.string(),
    expiresAt: z.string(),
    expired: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'CompanyInvitation' });

export const inviteBody = z.intersection(z.object({ email: z.email().max(254) }), roleChoice);

export const customRoleSchema = z
  .object({ id: z.string(), name: z.string(), permissions: z.array(z.string()), members: z.number() })
  .meta({ id: 'CompanyRole' });

export const customRoleBody = z.object({
  name: text(60),
  permissions: z.array(z.enum(orgPermissions)).max(orgPermissions.length),
});

/** Presents a membership row (with its custom role's name) field by field. */
export function presentMember(m: {
  userId: string;
  name: string;
  email: string;
  role: string;
  customRoleId: string | null;
  customRoleName: string | null;
  joinedAt: Date;
}) {
  return {
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    customRoleId: m.customRoleId,
    roleName: m.customRoleName ?? m.role,
    joinedAt: m.joinedAt.toISOString(),
  };
}

export function presentInvitation(i: {
  id: string;
  email: string;
  role: string;
  customRoleId: string | null;
  customRoleName: string | null;
  expiresAt: Date;
  expired: boolean;
  createdAt: Date;
}) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    customRoleId: i.customRoleId,
    roleName: i.customRoleName ?? i.role,
    expiresAt: i.expiresAt.toISOString(),
    expired: i.expired,
    createdAt: i.createdAt.toISOString(),
  };
}

export function presentBankAccount(a: {
  id: string;
  bankName: string;
  bik: string;
  settlementAccount: string;
  correspondentAccount: string | null;
  isPrimary: boolean;
}) {
  return {
    id: a.id,
    bankName: a.bankName,
    bik: a.bik,
    settlementAccount: a.settlementAccount,
    correspondentAccount: a.correspondentAccount,
    isPrimary: a.isPrimary,
  };
}
