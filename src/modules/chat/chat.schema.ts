import { z } from 'zod';

const messageId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const conversationParams = z.object({ conversationId: z.uuid() });
export const messageParams = conversationParams.extend({ messageId });

export const openConversationBody = z
  .object({
    /** The company whose conversation to open; absent for the person's own (B2C) conversation. */
    orgId: z.uuid().optional(),
  })
  .strict();

export const messagesQuery = z
  .object({
    before: messageId.optional(),
    after: messageId.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: 'Use either before or after',
    path: ['after'],
  });

export const maxMessageLength = 4000;
export const sendMessageBody = z.object({ text: z.string().trim().min(1).max(maxMessageLength) }).strict();
/** The `data` field next to a file: the text is optional there. */
export const sendFileData = z.object({ text: z.string().trim().max(maxMessageLength).default('') }).strict();

export const readBody = z.object({ messageId }).strict();

export const inboxQuery = z.object({ filter: z.enum(['mine', 'queue', 'all']).default('all') });

export const chatMessageSchema = z
  .object({
    id: z.number().int(),
    conversationId: z.string(),
    side: z.enum(['staff', 'customer']),
    authorId: z.string().nullable(),
    authorName: z.string(),
    text: z.string(),
    attachment: z
      .object({ name: z.string(), type: z.string(), size: z.number().int(), url: z.string() })
      .nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ChatMessage' });

export const conversationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['company', 'personal']),
    companyId: z.string().nullable(),
    title: z.string(),
    assignedTo: z.string().nullable(),
    lastMessageId: z.number().int().nullable(),
    lastMessageAt: z.string().nullable(),
    lastText: z.string().nullable(),
    unread: z.number().int(),
  })
  .meta({ id: 'ChatConversation' });

export const conversationDetailSchema = conversationSchema
  .extend({
    /** How far each side has read: the other side's position gives the ✓✓ of my messages. */
    read: z.object({ customer: z.number().int(), staff: z.number().int() }),
  })
  .meta({ id: 'ChatConversationDetail' });

export const conversationListSchema = z.object({ items: z.array(conversationSchema) });
export const messagePageSchema = z.object({ items: z.array(chatMessageSchema), hasMore: z.boolean() });
export const readResultSchema = z.object({ messageId: z.number().int() });
