import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { customerOverview } from './customer360.service.js';
import { customerOverviewSchema, reportFiltersSchema, supportReportSchema } from './insights.schema.js';
import { reportFilter, reportFilters, reportQuery, supportReport } from './reports.service.js';
import { reportDisposition, reportXlsx } from './reports.xlsx.js';

const tags = ['support'];

/** The operator's customer-360 view and the support reports (docs/support-reports.md). */
export function insightsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/support/customers/:personId/overview',
    {
      config: { access: { permission: 'support.work' } },
      schema: {
        tags,
        summary:
          'Customer 360: the person, their companies and, for one of them, orders, money, documents, requests and recent actions',
        params: z.object({ personId: z.string().min(1).max(100) }),
        querystring: z.object({ companyId: z.uuid().optional() }),
        response: { 200: customerOverviewSchema },
      },
    },
    async (request) => customerOverview(db, request.params.personId, request.query.companyId ?? null),
  );

  api.get(
    '/admin/support/reports',
    {
      config: { access: { permission: 'support.manage' } },
      schema: {
        tags,
        summary: 'Support report of a period (default: the last 30 days), optionally of one queue or topic',
        querystring: reportQuery,
        response: { 200: supportReportSchema },
      },
    },
    async (request) => supportReport(db, reportFilter(request.query)),
  );

  api.get(
    '/admin/support/reports/filters',
    {
      config: { access: { permission: 'support.manage' } },
      schema: {
        tags,
        summary: 'The queues and topics the support report can be narrowed to',
        response: { 200: reportFiltersSchema },
      },
    },
    async () => reportFilters(db),
  );

  api.get(
    '/admin/support/reports.xlsx',
    {
      config: { access: { permission: 'support.manage' } },
      schema: {
        tags,
        summary:
          'The support report as an Excel workbook; ?lang=ru|en, else the language of the staff member',
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const report = await supportReport(db, reportFilter(request.query));
      const lang = request.query.lang ?? (actorOf(request).locale === 'en' ? 'en' : 'ru');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', reportDisposition(report, lang))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(await reportXlsx(report, lang));
    },
  );
}
