import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import { agreementKinds, agreementSides, agreementStatuses } from './agreements.tables.js';

const note = z.string().trim().max(2000);

/** The `data` field of a new agreement (multipart, with its first version as `file`). */
export const newAgreementData = z
  .object({
    kind: z.enum(agreementKinds),
    title: z.string().trim().min(1).max(300),
    /** The contract a specification or supplementary agreement belongs to. */
    parentId: z.uuid().nullish(),
    note: note.nullish(),
  })
  .strict();
export type NewAgreementData = z.infer<typeof newAgreementData>;

/** Back office: the same, for a company. */
export const newAdminAgreementData = newAgreementData.extend({ companyId: z.uuid() }).strict();

/** The `data` field of a new version (multipart, with the file as `file`). */
export const newVersionData = z.object({ note: note.nullish() }).strict();

export const commentBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict();
export const rejectBody = z.object({ comment: z.string().trim().min(1).max(4000) }).strict();
export const approveBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Six digits'),
  })
  .strict();

export const agreementListQuery = pageQuery.extend({
  status: z.enum(agreementStatuses).optional(),
  kind: z.enum(agreementKinds).optional(),
});
export type AgreementListQuery = z.infer<typeof agreementListQuery>;

export const adminAgreementListQuery = agreementListQuery.extend({ companyId: z.uuid().optional() });

const id = z.string().max(64);
export const orgParams = z.object({ orgId: id });
export const orgAgreementParams = orgParams.extend({ agreementId: id });
export const orgVersionParams = orgAgreementParams.extend({ versionId: id });
export const agreementParams = z.object({ agreementId: id });
export const versionParams = agreementParams.extend({ versionId: id });

const side = z.enum(agreementSides);

export const agreementVersionSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  side,
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  note: z.string().nullable(),
  createdAt: z.string(),
  url: z.string(),
});

export const agreementSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    companyName: z.string(),
    kind: z.enum(agreementKinds),
    title: z.string(),
    parent: z.object({ id: z.string(), title: z.string() }).nullable(),
    status: z.enum(agreementStatuses),
    createdSide: side,
    createdBy: z.object({ id: z.string(), name: z.string() }),
    /** The side whose turn it is to review the latest version (null once approved). */
    awaitingSide: side.nullable(),
    latestVersion: agreementVersionSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Agreement' });

export const agreementDetailSchema = agreementSchema
  .extend({
    versions: z.array(agreementVersionSchema),
    comments: z.array(
      z.object({
        id: z.string(),
        versionId: z.string(),
        side,
        author: z.object({ id: z.string(), name: z.string() }),
        text: z.string(),
        createdAt: z.string(),
      }),
    ),
    decisions: z.array(
      z.object({
        id: z.string(),
        versionId: z.string(),
        decision: z.enum(['approve', 'reject']),
        side,
        person: z.object({ id: z.string(), name: z.string() }),
        comment: z.string().nullable(),
        sha256: z.string(),
        confirmation: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AgreementDetail' });

export const agreementPageSchema = z.object({
  items: z.array(agreementSchema),
  nextCursor: z.string().nullable(),
});

export const codeSentSchema = z.object({ sentTo: z.string(), expiresAt: z.string() });
