import { z } from 'zod';
import { ticketStatuses } from '../../shared/support.js';

const timing = z.object({
  count: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  measured: z.number().int(),
  withinSla: z.number().int(),
  withinSlaShare: z.number().nullable(),
});

export const supportReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    totals: z.object({
      created: z.number().int(),
      resolved: z.number().int(),
      openNow: z.number().int(),
      firstResponseBreached: z.number().int(),
      resolutionBreached: z.number().int(),
    }),
    byDay: z.array(z.object({ date: z.string(), created: z.number().int(), resolved: z.number().int() })),
    byTopic: z.array(
      z.object({
        topicId: z.string().nullable(),
        nameRu: z.string().nullable(),
        nameEn: z.string().nullable(),
        created: z.number().int(),
        resolved: z.number().int(),
        medianFirstResponseMinutes: z.number().nullable(),
        csatAverage: z.number().nullable(),
      }),
    ),
    firstResponse: timing,
    resolution: timing,
    csat: z.object({
      average: z.number().nullable(),
      count: z.number().int(),
      distribution: z.array(z.object({ rating: z.number().int(), count: z.number().int() })),
      satisfiedShare: z.number().nullable(),
    }),
    operators: z.array(
      z.object({
        operatorId: z.string(),
        name: z.string(),
        assigned: z.number().int(),
        responded: z.number().int(),
        resolved: z.number().int(),
        medianFirstResponseMinutes: z.number().nullable(),
        csatAverage: z.number().nullable(),
        csatCount: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'SupportReport' });

const ticketItem = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  requesterId: z.string(),
  requesterName: z.string(),
  companyId: z.string().nullable(),
  csatRating: z.number().int().nullable(),
  createdAt: z.string(),
});

export const customerOverviewSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      phone: z.string().nullable(),
      locale: z.string(),
      registeredAt: z.string(),
      lastSignInAt: z.string().nullable(),
      blocked: z.boolean(),
    }),
    companies: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        inn: z.string().nullable(),
        role: z.string(),
        customerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
        manager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
      }),
    ),
    company: z
      .object({
        id: z.string(),
        name: z.string(),
        orders: z.array(
          z.object({
            id: z.string(),
            number: z.string(),
            createdAt: z.string(),
            status: z.string(),
            total: z.number(),
            currency: z.string(),
            paymentState: z.string(),
            placedBy: z.string(),
          }),
        ),
        finance: z.object({
          balance: z.number(),
          receivable: z.number(),
          overdue: z.number(),
          creditLimit: z.number().nullable(),
          creditAvailable: z.number(),
        }),
        payments: z.array(
          z.object({
            id: z.string(),
            paidOn: z.string(),
            amount: z.number(),
            number: z.string().nullable(),
            source: z.string(),
          }),
        ),
        documents: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            number: z.string(),
            date: z.string(),
            status: z.string(),
            amount: z.number().nullable(),
          }),
        ),
      })
      .nullable(),
    tickets: z.object({ person: z.array(ticketItem), company: z.array(ticketItem) }),
    actions: z.array(
      z.object({
        at: z.string(),
        kind: z.enum(['order', 'ticket', 'sign_in', 'return', 'claim', 'reconciliation', 'account']),
        label: z.string(),
        id: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CustomerOverview' });

const named = z.object({ id: z.string(), nameRu: z.string(), nameEn: z.string(), active: z.boolean() });
export const reportFiltersSchema = z
  .object({ queues: z.array(named), topics: z.array(named) })
  .meta({ id: 'SupportReportFilters' });
