import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import { ticketAudiences, ticketPriorities, ticketStatuses } from '../../shared/support.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ticketParams = z.object({ id: z.uuid() });
export const idParams = z.object({ id: z.uuid() });
export const cannedRenderParams = z.object({ id: z.uuid(), replyId: z.uuid() });
export const macroApplyParams = z.object({ id: z.uuid(), macroId: z.uuid() });

/** Filters of the operators' list; `status=active` means new, open or pending. */
export const ticketListQuery = pageQuery.extend({
  queue: z.uuid().optional(),
  status: z.enum([...ticketStatuses, 'active']).optional(),
  priority: z.enum(ticketPriorities).optional(),
  assignee: z.union([z.enum(['me', 'unassigned']), z.string().min(1).max(100)]).optional(),
  sla: z.enum(['breached', 'due_soon']).optional(),
  company: z.uuid().optional(),
  requester: z.string().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['sla', 'activity']).default('activity'),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

/** Statuses an operator may leave a request in after answering. */
export const replyStatuses = ['open', 'pending', 'resolved', 'closed'] as const;

export const replyBody = z.object({
  body: text(20_000),
  status: z.enum(replyStatuses).default('pending'),
  cannedReplyId: z.uuid().optional(),
});
export type ReplyInput = z.infer<typeof replyBody>;

export const noteBody = z.object({
  body: text(20_000),
  /** Staff user ids to notify besides those named with @handle in the text. */
  mentions: z.array(z.string().min(1).max(100)).max(20).default([]),
});

/** One change at a time or several: each writes its own event. */
export const ticketPatchBody = z
  .object({
    status: z.enum(['open', 'pending', 'resolved', 'closed']).optional(),
    priority: z.enum(ticketPriorities).optional(),
    /** A staff user id, `me` to take it, or null to unassign. */
    assigneeId: z.string().min(1).max(100).nullable().optional(),
    queueId: z.uuid().nullable().optional(),
    topicId: z.uuid().nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });
export type TicketPatch = z.infer<typeof ticketPatchBody>;

export const mergeBody = z.object({ intoId: z.uuid() });

export const cannedListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  queue: z.uuid().optional(),
  locale: z.enum(['ru', 'en']).optional(),
});
// Patch shapes carry no defaults: zod 4 applies a default inside .optional(), which would reset fields.
export const cannedPatchBody = z.object({
  title: text(200).optional(),
  body: text(20_000).optional(),
  locale: z.enum(['ru', 'en']).nullable().optional(),
  queueId: z.uuid().nullable().optional(),
});
export const cannedBody = z.object({
  title: text(200),
  body: text(20_000),
  locale: z.enum(['ru', 'en']).nullable().default(null),
  queueId: z.uuid().nullable().default(null),
});
export const cannedPreviewBody = z.object({ body: text(20_000), ticketId: z.uuid().optional() });

export const macroActions = z
  .object({
    status: z.enum(['open', 'pending', 'resolved', 'closed']).optional(),
    priority: z.enum(ticketPriorities).optional(),
    assignee: z.string().min(1).max(100).optional(),
    queueId: z.uuid().optional(),
    reply: text(20_000).optional(),
    note: text(20_000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'A macro does something' });
export const macroBody = z.object({ name: text(200), actions: macroActions });
export const macroPatchBody = z.object({ name: text(200).optional(), actions: macroActions.optional() });

export const queueBody = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'Lowercase letters, digits, - and _'),
  nameRu: text(200),
  nameEn: text(200),
  roundRobin: z.boolean().default(true),
  active: z.boolean().default(true),
});
export const queuePatchBody = z.object({
  nameRu: text(200).optional(),
  nameEn: text(200).optional(),
  roundRobin: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const queueMembersBody = z.object({ userIds: z.array(z.string().min(1).max(100)).max(100) });

export const topicBody = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'Lowercase letters, digits, - and _'),
  nameRu: text(200),
  nameEn: text(200),
  audiences: z.array(z.enum(ticketAudiences)).min(1),
  queueId: z.uuid().nullable().default(null),
  defaultPriority: z.enum(ticketPriorities).default('normal'),
  sort: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
});
export const topicPatchBody = z.object({
  nameRu: text(200).optional(),
  nameEn: text(200).optional(),
  audiences: z.array(z.enum(ticketAudiences)).min(1).optional(),
  queueId: z.uuid().nullable().optional(),
  defaultPriority: z.enum(ticketPriorities).optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});
