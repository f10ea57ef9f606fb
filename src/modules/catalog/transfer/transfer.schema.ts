import { z } from 'zod';
import { transferFormats, transferKinds } from './transfer.columns.js';

export const kindSchema = z.enum(transferKinds).meta({ id: 'CatalogTransferKind' });
/** The language of messages in the answer (the page passes its own). */
export const langSchema = z.enum(['ru', 'en']).default('en');

export const formatSchema = z.enum(transferFormats).meta({ id: 'CatalogTransferFormat' });

const countsSchema = z.object({
  rows: z.number().int().optional(),
  valid: z.number().int().optional(),
  invalid: z.number().int().optional(),
  create: z.number().int().optional(),
  update: z.number().int().optional(),
  unchanged: z.number().int().optional(),
});

/** A catalog import or export with its progress; the detail adds the first problems and changes. */
export const transferSchema = z
  .object({
    id: z.string(),
    direction: z.enum(['import', 'export']),
    kind: kindSchema,
    format: formatSchema,
    status: z.enum([
      'queued',
      'uploaded',
      'validating',
      'validated',
      'applying',
      'exporting',
      'done',
      'failed',
    ]),
    progress: z.number().int(),
    fileName: z.string(),
    fileSize: z.number().int().nullable(),
    applyMode: z.enum(['all', 'valid']).nullable(),
    counts: countsSchema,
    errorCount: z.number().int(),
    message: z.string().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    errors: z
      .array(
        z.object({
          row: z.number().int(),
          column: z.string().nullable(),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
    preview: z
      .array(
        z.object({
          row: z.number().int(),
          sku: z.string(),
          target: z.string().nullable(),
          minQty: z.number().optional(),
          action: z.enum(['create', 'update']),
          before: z.union([z.string(), z.number()]).nullable(),
          after: z.union([z.string(), z.number()]),
          fields: z.array(z.string()).optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'CatalogTransfer' });
