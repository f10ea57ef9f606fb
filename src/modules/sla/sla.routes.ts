import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { customerGroupExists } from '../companies/companies.service.js';
import { forgetCalendar, readCalendarSettings } from './sla.calendar.js';
import {
  calendarDayBody,
  calendarDayList,
  calendarDayListQuery,
  calendarDayParams,
  calendarDaySchema,
  calendarImportBody,
  calendarSchema,
  groupList,
  policyBody,
  policyList,
  policyParams,
  policyPatch,
  policySchema,
  previewQuery,
  previewSchema,
} from './sla.schema.js';
import * as sla from './sla.service.js';

const config = { access: { permission: 'support.manage' as const } };
const tags = ['sla admin'];
const base = '/admin/sla';

/**
 * The back office's SLA settings (`/api/v1/admin/sla/…`, permission `support.manage`): the support calendar,
 * its holidays and transferred working days, the policies, and a preview of the deadlines they give.
 */
export function slaRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  /** A change and its audit record in one transaction; the process's cached calendar is dropped after it. */
  const audited = async <T>(
    request: FastifyRequest,
    action: string,
    subject: string | null,
    change: (tx: Db) => Promise<T>,
    details: unknown,
  ): Promise<T> => {
    const result = await db.transaction(async (tx) => {
      const value = await change(tx);
      await recordAudit(tx, request, {
        action,
        subject,
        details: (details ?? {}) as Record<string, unknown>,
      });
      return value;
    });
    forgetCalendar(db);
    return result;
  };

  api.get(
    `${base}/calendar`,
    { config, schema: { tags, summary: 'Support calendar', response: { 200: calendarSchema } } },
    async () => readCalendarSettings(db),
  );
  api.put(
    `${base}/calendar`,
    {
      config,
      schema: {
        tags,
        summary: 'Change the support calendar',
        body: calendarSchema,
        response: { 200: calendarSchema },
      },
    },
    async (request) => {
      await audited(
        request,
        'sla.calendar_changed',
        null,
        (tx) => sla.saveCalendar(tx, request.body),
        request.body,
      );
      return readCalendarSettings(db);
    },
  );

  api.get(
    `${base}/days`,
    {
      config,
      schema: {
        tags,
        summary: 'Holidays and transferred working days',
        querystring: calendarDayListQuery,
        response: { 200: calendarDayList },
      },
    },
    async (request) => ({ items: await sla.listCalendarDays(db, request.query.year) }),
  );
  api.post(
    `${base}/days`,
    {
      config,
      schema: {
        tags,
        summary: 'Add a holiday or a working day',
        body: calendarDayBody,
        response: { 201: calendarDaySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await audited(
            request,
            'sla.day_added',
            request.body.date,
            (tx) => sla.addCalendarDay(tx, request.body),
            request.body,
          ),
        ),
  );
  api.post(
    `${base}/days/import`,
    {
      config,
      schema: {
        tags,
        summary: 'Add or replace many dates',
        body: calendarImportBody,
        response: { 200: z.object({ imported: z.number() }) },
      },
    },
    async (request) => ({
      imported: await audited(
        request,
        'sla.days_imported',
        null,
        (tx) => sla.importCalendarDays(tx, request.body.days),
        { dates: request.body.days.map((d) => `${d.date} ${d.kind}`) },
      ),
    }),
  );
  api.delete(
    `${base}/days/:date`,
    { config, schema: { tags, summary: 'Remove a date from the calendar', params: calendarDayParams } },
    async (request, reply) => {
      const { date } = request.params;
      await audited(request, 'sla.day_deleted', date, (tx) => sla.deleteCalendarDay(tx, date), { date });
      return reply.code(204).send();
    },
  );

  api.get(
    `${base}/policies`,
    { config, schema: { tags, summary: 'SLA policies', response: { 200: policyList } } },
    async () => ({ items: await sla.listPolicies(db) }),
  );
  api.get(
    `${base}/customer-groups`,
    {
      config,
      schema: { tags, summary: 'Customer groups a policy can be for', response: { 200: groupList } },
    },
    async () => ({ items: await sla.policyGroups(db) }),
  );
  api.post(
    `${base}/policies`,
    {
      config,
      schema: { tags, summary: 'Create a policy', body: policyBody, response: { 201: policySchema } },
    },
    async (request, reply) => {
      const created = await audited(
        request,
        'sla.policy_created',
        null,
        (tx) => sla.createPolicy(tx, request.body),
        request.body,
      );
      return reply.code(201).send(created);
    },
  );
  api.patch(
    `${base}/policies/:id`,
    {
      config,
      schema: {
        tags,
        summary: 'Change a policy',
        params: policyParams,
        body: policyPatch,
        response: { 200: policySchema },
      },
    },
    async (request) =>
      audited(
        request,
        'sla.policy_changed',
        request.params.id,
        (tx) => sla.updatePolicy(tx, request.params.id, request.body),
        request.body,
      ),
  );
  api.delete(
    `${base}/policies/:id`,
    { config, schema: { tags, summary: 'Delete a policy', params: policyParams } },
    async (request, reply) => {
      await audited(
        request,
        'sla.policy_deleted',
        request.params.id,
        async (tx) => {
          const gone = await sla.deletePolicy(tx, request.params.id);
          return gone;
        },
        null,
      );
      return reply.code(204).send();
    },
  );

  api.get(
    `${base}/preview`,
    {
      config,
      schema: {
        tags,
        summary: 'Deadlines a new request would get',
        querystring: previewQuery,
        response: { 200: previewSchema },
      },
    },
    async (request) => {
      const { priority, customerGroupId, start } = request.query;
      if (customerGroupId && !(await customerGroupExists(db, customerGroupId)))
        throw new AppError('NOT_FOUND', 'No such customer group');
      const at = start ? new Date(start) : new Date();
      const d = await sla.slaDeadlineDetails(db, {
        priority,
        customerGroupId: customerGroupId ?? null,
        start: at,
      });
      return {
        ...d,
        start: at.toISOString(),
        firstResponseDueAt: d.firstResponseDueAt.toISOString(),
        resolutionDueAt: d.resolutionDueAt.toISOString(),
      };
    },
  );
}
