import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { businessDay } from '../../shared/business-day.js';
import { recordAudit } from '../audit/audit.service.js';
import { integrationAuth, integrationCallerOf } from '../exchange1c/index.js';
import {
  importBalances,
  importBalancesBody,
  importPayments,
  importPaymentsBody,
  importResultSchema,
} from './finance.import.js';
import {
  debtHistory,
  type FinanceActor,
  financeSummary,
  listCompanyPayments,
  paymentSchedule,
  recordCompanyPayment,
} from './finance.service.js';
import { companyPaymentSources } from './finance.tables.js';

const tags = ['finance'];
const orgParams = z.object({ orgId: z.string().max(64) });
const companyParams = z.object({ companyId: z.uuid() });

/** The longest period the debt chart draws, days (about two years). */
export const debtHistoryMaxDays = 732;

const summarySchema = z
  .object({
    balance: z.number(),
    receivable: z.number(),
    overdue: z.number(),
    creditLimit: z.number().nullable(),
    creditUsed: z.number(),
    creditAvailable: z.number(),
    unallocatedCredit: z.number(),
  })
  .meta({ id: 'FinanceSummary' });
const scheduleSchema = z
  .object({
    items: z.array(
      z.object({
        orderId: z.string(),
        number: z.string(),
        total: z.number(),
        paidAmount: z.number(),
        amountDue: z.number(),
        shippedOn: z.string().nullable(),
        dueDate: z.string().nullable(),
        daysOverdue: z.number(),
      }),
    ),
  })
  .meta({ id: 'PaymentSchedule' });
const paymentSchema = z
  .object({
    id: z.string(),
    amount: z.number(),
    allocated: z.number(),
    unallocated: z.number(),
    paidOn: z.string(),
    number: z.string().nullable(),
    payer: z.string().nullable(),
    purpose: z.string().nullable(),
    source: z.enum(companyPaymentSources),
    orderId: z.string().nullable(),
    createdAt: z.string(),
    allocations: z.array(
      z.object({
        orderId: z.string().nullable(),
        orderNumber: z.string().nullable(),
        documentId: z.string().nullable(),
        documentNumber: z.string().nullable(),
        amount: z.number(),
      }),
    ),
  })
  .meta({ id: 'CompanyPayment' });
const paymentPage = pageOf(paymentSchema);
const historySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    step: z.enum(['day', 'week']),
    points: z.array(z.object({ date: z.string(), balance: z.number() })),
  })
  .meta({ id: 'DebtHistory' });

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const historyQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  step: z.enum(['day', 'week']).optional(),
});

/** The period of the debt chart: default the last 90 days to today; from ≤ to, at most about two years. */
function historyPeriod(q: z.infer<typeof historyQuery>) {
  const to = q.to ?? businessDay();
  const from = q.from ?? addDays(to, -89);
  if (from > to)
    throw new AppError('VALIDATION_FAILED', 'The period starts after it ends', [
      { path: 'query.from', message: 'Not after `to`' },
    ]);
  const days = daysBetween(from, to) + 1;
  if (days > debtHistoryMaxDays)
    throw new AppError('VALIDATION_FAILED', 'The period is too long', [
      { path: 'query.from', message: `At most ${debtHistoryMaxDays} days` },
    ]);
  // Over ~4 months a point a week keeps the chart (and the answer) small.
  return { from, to, step: q.step ?? (days > 120 ? ('week' as const) : ('day' as const)) };
}

const recordPaymentBody = z
  .object({
    /** Kopecks. */
    amount: z.number().int().positive().max(1_000_000_000_000),
    paidOn: z.iso.date(),
    number: z.string().trim().min(1).max(50).optional(),
    payer: z.string().trim().min(1).max(300).optional(),
    purpose: z.string().trim().min(1).max(1000).optional(),
    orderId: z.uuid().optional(),
    invoiceId: z.uuid().optional(),
    /** The source document's id (a bank statement line): a repeat returns the first payment. */
    externalId: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => !(b.orderId && b.invoiceId), {
    path: ['invoiceId'],
    message: 'Give an order or an invoice, not both',
  });

const readers = (db: ModuleContext['db']) => ({
  summary: (companyId: string) => financeSummary(db, companyId),
  schedule: async (companyId: string) => ({ items: await paymentSchedule(db, companyId) }),
  payments: (companyId: string, q: z.infer<typeof pageQuery>) => listCompanyPayments(db, companyId, q),
  history: async (companyId: string, q: z.infer<typeof historyQuery>) => {
    const period = historyPeriod(q);
    return { ...period, points: await debtHistory(db, companyId, period.from, period.to, period.step) };
  },
});

/** A company's finances (docs/finance.md, "Routes"): members with `finance.read`. */
export function financeRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = readers(db);
  const org = { access: { org: 'finance.read' as const } };
  api.get(
    '/orgs/:orgId/finance/summary',
    {
      config: org,
      schema: {
        tags,
        summary: 'Balance, receivable and overdue debt, credit limit used, unallocated credit (kopecks)',
        params: orgParams,
        response: { 200: summarySchema },
      },
    },
    async (request) => read.summary(orgOf(request).orgId),
  );
  api.get(
    '/orgs/:orgId/finance/schedule',
    {
      config: org,
      schema: {
        tags,
        summary: 'Deferred-payment schedule: open deferred orders with due dates, earliest first',
        params: orgParams,
        response: { 200: scheduleSchema },
      },
    },
    async (request) => read.schedule(orgOf(request).orgId),
  );
  api.get(
    '/orgs/:orgId/finance/payments',
    {
      config: org,
      schema: {
        tags,
        summary: 'Payments received, newest first, with the orders and invoices they paid',
        params: orgParams,
        querystring: pageQuery,
        response: { 200: paymentPage },
      },
    },
    async (request) => read.payments(orgOf(request).orgId, request.query),
  );
  api.get(
    '/orgs/:orgId/finance/debt-history',
    {
      config: org,
      schema: {
        tags,
        summary: `The balance at the end of each day (or week) of a period (default the last 90 days; at most ${debtHistoryMaxDays} days)`,
        params: orgParams,
        querystring: historyQuery,
        response: { 200: historySchema },
      },
    },
    async (request) => read.history(orgOf(request).orgId, request.query),
  );
}

/** Back office: a company's finances, and payments staff record (bank payment orders). */
export function financeAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = readers(db);
  const viewer = { access: { permission: 'companies.read' as const } };
  const known = async (companyId: string) => {
    // A missing company is a 404, not an empty account.
    await financeSummary(db, companyId);
  };
  api.get(
    '/admin/companies/:companyId/finance/summary',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'A company’s finance summary',
        params: companyParams,
        response: { 200: summarySchema },
      },
    },
    async (request) => read.summary(request.params.companyId),
  );
  api.get(
    '/admin/companies/:companyId/finance/schedule',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'A company’s deferred-payment schedule',
        params: companyParams,
        response: { 200: scheduleSchema },
      },
    },
    async (request) => {
      await known(request.params.companyId);
      return read.schedule(request.params.companyId);
    },
  );
  api.get(
    '/admin/companies/:companyId/payments',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'A company’s payments, newest first, with allocations',
        params: companyParams,
        querystring: pageQuery,
        response: { 200: paymentPage },
      },
    },
    async (request) => {
      await known(request.params.companyId);
      return read.payments(request.params.companyId, request.query);
    },
  );
  api.post(
    '/admin/companies/:companyId/payments',
    {
      config: { access: { permission: 'finance.manage' } },
      schema: {
        tags,
        summary:
          'Records a payment of the company (a bank payment order) and allocates it: the named order or invoice, then open deferred orders oldest due first; the rest stays as credit',
        params: companyParams,
        body: recordPaymentBody,
        response: { 200: paymentSchema, 201: paymentSchema },
      },
    },
    async (request, reply) => {
      const companyId = request.params.companyId;
      await known(companyId);
      const actor = actorOf(request);
      const staff: FinanceActor = { kind: 'staff', id: actor.id, name: actor.name };
      const { payment, created } = await recordCompanyPayment(
        db,
        { companyId, ...request.body, source: 'backoffice' },
        staff,
      );
      if (created)
        await recordAudit(db, request, {
          action: 'finance.payment_recorded',
          subject: payment.id,
          details: {
            companyId,
            amount: payment.amount,
            paidOn: payment.paidOn,
            number: payment.number,
            orderId: request.body.orderId ?? null,
            invoiceId: request.body.invoiceId ?? null,
          },
        });
      const [view] = (await listCompanyPayments(db, companyId, { limit: 1, paymentId: payment.id })).items;
      if (!view) throw new AppError('NOT_FOUND', 'Payment not found');
      return reply.code(created ? 201 : 200).send(view);
    },
  );
}

/**
 * Imports from an ERP (1C or another): payments and opening balances, HTTP Basic with an integration account
 * (the same accounts and hooks as `POST /import/documents`), all or nothing, idempotent by `externalId`.
 */
export function financeImportRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const machine = integrationAuth(ctx);
  const hooks = {
    config: { access: { public: true as const } },
    bodyLimit: 8 * 1024 * 1024,
    onRequest: machine.onRequest,
    preValidation: machine.preHandler,
  };
  api.post(
    '/import/payments',
    {
      ...hooks,
      schema: {
        tags,
        summary:
          'Imports company payments from an accounting system (HTTP Basic, integration account): all or nothing, idempotent by externalId',
        body: importPaymentsBody,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const who = integrationCallerOf(request);
      return importPayments(ctx.db, request.body.payments, {
        kind: 'system',
        id: null,
        name: `integration:${who.login}`,
      });
    },
  );
  api.post(
    '/import/balances',
    {
      ...hooks,
      schema: {
        tags,
        summary:
          'Imports opening balances of companies from an accounting system (HTTP Basic, integration account): all or nothing, idempotent by externalId',
        body: importBalancesBody,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      integrationCallerOf(request);
      return importBalances(ctx.db, request.body.balances);
    },
  );
}
