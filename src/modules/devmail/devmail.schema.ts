import { z } from 'zod';

export const mailSummarySchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    locale: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DevMailSummary' });

export const mailMessageSchema = mailSummarySchema
  .extend({ from: z.string(), text: z.string(), html: z.string().nullable(), template: z.string() })
  .meta({ id: 'DevMailMessage' });

export const mailListQuery = z.object({
  to: z.string().max(320).optional().describe('Only messages to this address'),
});
