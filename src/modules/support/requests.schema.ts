import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import {
  csatMax,
  csatMin,
  ticketAudiences,
  ticketContextKinds,
  ticketMessageKinds,
  ticketPriorities,
  ticketSides,
  ticketStatuses,
} from '../../shared/support.js';

/** Priorities a person may choose; `urgent` is set by staff only. */
export const requesterPriorities = ['low', 'normal', 'high'] as const;

export const orgParams = z.object({ orgId: z.uuid() });
export const ticketParams = z.object({ id: z.uuid() });
export const orgTicketParams = orgParams.extend({ id: z.uuid() });
export const attachmentParams = ticketParams.extend({ attachmentId: z.uuid() });
export const orgAttachmentParams = orgTicketParams.extend({ attachmentId: z.uuid() });

export const ticketContextInput = z.object({
  kind: z.enum(ticketContextKinds),
  id: z.string().trim().min(1).max(100).optional(),
  label: z.string().trim().min(1).max(200),
  /** A path inside the cabinet, never another site. */
  path: z
    .string()
    .trim()
    .max(500)
    .regex(/^\/(?!\/)/, 'A path inside the cabinet, starting with /')
    .optional(),
});

export const newTicketData = z.object({
  subject: z.string().trim().min(3).max(200),
  topicId: z.uuid(),
  body: z.string().trim().min(1).max(10_000),
  priority: z.enum(requesterPriorities).optional(),
  context: ticketContextInput.optional(),
});
export type NewTicketData = z.infer<typeof newTicketData>;

export const replyData = z.object({ body: z.string().trim().min(1).max(10_000) });
export type ReplyData = z.infer<typeof replyData>;

export const ratingBody = z.object({
  rating: z.number().int().min(csatMin).max(csatMax),
  comment: z.string().trim().max(2000).optional(),
});

export const ticketListQuery = pageQuery.extend({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  q: z.string().trim().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const topicSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    defaultPriority: z.enum(ticketPriorities),
  })
  .meta({ id: 'SupportTopic' });

export const topicsSchema = z.object({ items: z.array(topicSchema) });

const contextSchema = z.object({
  kind: z.enum(ticketContextKinds),
  id: z.string().optional(),
  label: z.string(),
  path: z.string().optional(),
});

export const ticketSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    subject: z.string(),
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    audience: z.enum(ticketAudiences),
    topic: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    requesterName: z.string(),
    context: contextSchema.nullable(),
    firstResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    firstRespondedAt: z.string().nullable(),
    lastMessageAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'SupportRequestSummary' });

export const ticketPageSchema = z.object({
  items: z.array(ticketSummarySchema),
  nextCursor: z.string().nullable(),
});

export const attachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

/** A message as the person sees it: replies and events only (internal notes never leave the desk). */
export const requesterMessageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(ticketMessageKinds.filter((k) => k !== 'note') as ['reply', 'event']),
    side: z.enum(ticketSides),
    authorName: z.string(),
    /** True for the person's own messages (the thread shows them on the right). */
    mine: z.boolean(),
    body: z.string(),
    data: z.unknown().nullable(),
    attachments: z.array(attachmentSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'SupportRequestMessage' });

export const ticketDetailSchema = ticketSummarySchema
  .extend({
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /** The request this duplicate was folded into, when the person may see it. */
    mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
    rating: z
      .object({ rating: z.number().int(), comment: z.string().nullable(), ratedAt: z.string() })
      .nullable(),
    can: z.object({ reply: z.boolean(), close: z.boolean(), rate: z.boolean() }),
    messages: z.array(requesterMessageSchema),
  })
  .meta({ id: 'SupportRequest' });
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
