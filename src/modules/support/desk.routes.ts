import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { renderCanned } from './canned.service.js';
import {
  cannedRenderParams,
  macroApplyParams,
  mergeBody,
  noteBody,
  replyBody,
  ticketListQuery,
  ticketParams,
  ticketPatchBody,
} from './desk.schema.js';
import {
  addNote,
  changeTicket,
  listTickets,
  mergeTicket,
  replyToTicket,
  ticketCounts,
  ticketDetail,
} from './desk.service.js';
import type { DeskActor } from './desk.staff.js';
import { deskSettingsRoutes } from './desk-settings.routes.js';
import { applyMacro } from './macros.service.js';

const tags = ['support desk'];
const work = { access: { permission: 'support.work' as const } };

/** The operator as the desk records them. */
export const deskActor = (request: FastifyRequest): DeskActor => {
  const actor = actorOf(request);
  return { id: actor.id, name: actor.name };
};

/** The operators' side of support requests (docs/support-desk.md), under /admin/support. */
export function deskRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { db } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/support/tickets',
    {
      config: work,
      schema: {
        tags,
        summary: 'Requests for operators: filters, SLA or activity order',
        querystring: ticketListQuery,
      },
    },
    async (request) => listTickets(db, deskActor(request), request.query),
  );
  api.get(
    '/admin/support/counts',
    { config: work, schema: { tags, summary: 'Active requests per queue, mine, unassigned and breached' } },
    async (request) => ticketCounts(db, deskActor(request)),
  );
  api.get(
    '/admin/support/tickets/:id',
    {
      config: work,
      schema: { tags, summary: 'A request with its thread, internal notes and events', params: ticketParams },
    },
    async (request) => ticketDetail(db, request.params.id),
  );
  api.post(
    '/admin/support/tickets/:id/replies',
    {
      config: work,
      schema: {
        tags,
        summary: 'Answer the person; the status after the reply defaults to pending',
        params: ticketParams,
        body: replyBody,
      },
    },
    async (request, reply) => {
      const actor = deskActor(request);
      const messageId = await db.transaction((tx) =>
        replyToTicket(tx, actor, request.params.id, request.body),
      );
      return reply.code(201).send({ messageId, ticket: await ticketDetail(db, request.params.id) });
    },
  );
  api.post(
    '/admin/support/tickets/:id/notes',
    {
      config: work,
      schema: {
        tags,
        summary: 'An internal note (staff only); @handles and mentions notify staff',
        params: ticketParams,
        body: noteBody,
      },
    },
    async (request, reply) => {
      const actor = deskActor(request);
      const messageId = await db.transaction((tx) => addNote(tx, actor, request.params.id, request.body));
      return reply.code(201).send({ messageId, ticket: await ticketDetail(db, request.params.id) });
    },
  );
  api.patch(
    '/admin/support/tickets/:id',
    {
      config: work,
      schema: {
        tags,
        summary: 'Assign, take, change status, priority, queue or topic',
        params: ticketParams,
        body: ticketPatchBody,
      },
    },
    async (request) => {
      const actor = deskActor(request);
      await db.transaction((tx) => changeTicket(tx, actor, request.params.id, request.body));
      return ticketDetail(db, request.params.id);
    },
  );
  api.post(
    '/admin/support/tickets/:id/merge',
    {
      config: work,
      schema: {
        tags,
        summary: 'Merge this duplicate into another request',
        params: ticketParams,
        body: mergeBody,
      },
    },
    async (request) => {
      const actor = deskActor(request);
      await db.transaction(async (tx) => {
        await mergeTicket(tx, actor, request.params.id, request.body.intoId);
        await recordAudit(tx, request, {
          action: 'support.ticket.merged',
          subject: request.params.id,
          details: { intoId: request.body.intoId },
        });
      });
      return ticketDetail(db, request.body.intoId);
    },
  );
  api.get(
    '/admin/support/tickets/:id/canned/:replyId/render',
    {
      config: work,
      schema: { tags, summary: 'A canned reply filled for this request', params: cannedRenderParams },
    },
    async (request) => renderCanned(db, request.params.id, request.params.replyId, deskActor(request)),
  );
  api.post(
    '/admin/support/tickets/:id/macros/:macroId/apply',
    {
      config: work,
      schema: { tags, summary: 'Run a macro on the request (all steps or none)', params: macroApplyParams },
    },
    async (request) => {
      const actor = deskActor(request);
      await db.transaction((tx) => applyMacro(tx, actor, request.params.id, request.params.macroId));
      return ticketDetail(db, request.params.id);
    },
  );

  deskSettingsRoutes(app, ctx);
}
