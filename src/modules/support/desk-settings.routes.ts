import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../server/core/db.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  cannedOf,
  createCanned,
  deleteCanned,
  fillPlaceholders,
  listCanned,
  placeholderValues,
  presentCanned,
  samplePlaceholderValues,
  updateCanned,
} from './canned.service.js';
import { deskActor } from './desk.routes.js';
import {
  cannedBody,
  cannedListQuery,
  cannedPatchBody,
  cannedPreviewBody,
  idParams,
  macroBody,
  macroPatchBody,
  queueBody,
  queueMembersBody,
  queuePatchBody,
  topicBody,
  topicPatchBody,
} from './desk.schema.js';
import { staffHolding } from './desk.staff.js';
import {
  createMacro,
  deleteMacro,
  listMacros,
  macroOf,
  presentMacro,
  updateMacro,
} from './macros.service.js';
import {
  createQueue,
  createTopic,
  listQueues,
  listTopics,
  setQueueMembers,
  updateQueue,
  updateTopic,
} from './queues.service.js';

const tags = ['support desk settings'];
const work = { access: { permission: 'support.work' as const } };
const manage = { access: { permission: 'support.manage' as const } };

/** Runs a settings change with its audit record in one transaction. */
const audited =
  (db: Db, request: FastifyRequest, action: string) =>
  async <T>(subject: string | null, change: (tx: Db) => Promise<T>, details: Record<string, unknown> = {}) =>
    db.transaction(async (tx) => {
      const result = await change(tx);
      await recordAudit(tx, request, {
        action,
        subject: subject ?? (typeof result === 'string' ? result : null),
        details,
      });
      return result;
    });

/** Canned replies, macros, queues with members, and topics. */
export function deskSettingsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Canned replies.
  api.get(
    '/admin/support/canned',
    {
      config: work,
      schema: {
        tags,
        summary: 'Canned replies (search, by queue and language)',
        querystring: cannedListQuery,
      },
    },
    async (request) => ({ items: await listCanned(db, request.query) }),
  );
  api.post(
    '/admin/support/canned/preview',
    {
      config: work,
      schema: {
        tags,
        summary: 'Fill placeholders of a text (a request’s or sample values)',
        body: cannedPreviewBody,
      },
    },
    async (request) => {
      const actor = deskActor(request);
      const values = request.body.ticketId
        ? await placeholderValues(db, request.body.ticketId, actor)
        : samplePlaceholderValues(actor);
      return { body: fillPlaceholders(request.body.body, values) };
    },
  );
  api.post(
    '/admin/support/canned',
    { config: manage, schema: { tags, summary: 'Create a canned reply', body: cannedBody } },
    async (request, reply) => {
      const id = await audited(
        db,
        request,
        'support.canned.created',
      )(null, (tx) => createCanned(tx, deskActor(request), request.body));
      return reply.code(201).send(presentCanned(await cannedOf(db, id)));
    },
  );
  api.patch(
    '/admin/support/canned/:id',
    {
      config: manage,
      schema: { tags, summary: 'Edit a canned reply', params: idParams, body: cannedPatchBody },
    },
    async (request) => {
      await audited(
        db,
        request,
        'support.canned.updated',
      )(request.params.id, (tx) => updateCanned(tx, request.params.id, request.body));
      return presentCanned(await cannedOf(db, request.params.id));
    },
  );
  api.delete(
    '/admin/support/canned/:id',
    { config: manage, schema: { tags, summary: 'Delete a canned reply', params: idParams } },
    async (request, reply) => {
      await audited(
        db,
        request,
        'support.canned.deleted',
      )(request.params.id, (tx) => deleteCanned(tx, request.params.id));
      return reply.code(204).send();
    },
  );

  // Macros.
  api.get('/admin/support/macros', { config: work, schema: { tags, summary: 'Macros' } }, async () => ({
    items: await listMacros(db),
  }));
  api.post(
    '/admin/support/macros',
    { config: manage, schema: { tags, summary: 'Create a macro', body: macroBody } },
    async (request, reply) => {
      const id = await audited(
        db,
        request,
        'support.macro.created',
      )(null, (tx) => createMacro(tx, deskActor(request), request.body));
      return reply.code(201).send(presentMacro(await macroOf(db, id)));
    },
  );
  api.patch(
    '/admin/support/macros/:id',
    { config: manage, schema: { tags, summary: 'Edit a macro', params: idParams, body: macroPatchBody } },
    async (request) => {
      await audited(
        db,
        request,
        'support.macro.updated',
      )(request.params.id, (tx) => updateMacro(tx, request.params.id, request.body));
      return presentMacro(await macroOf(db, request.params.id));
    },
  );
  api.delete(
    '/admin/support/macros/:id',
    { config: manage, schema: { tags, summary: 'Delete a macro', params: idParams } },
    async (request, reply) => {
      await audited(
        db,
        request,
        'support.macro.deleted',
      )(request.params.id, (tx) => deleteMacro(tx, request.params.id));
      return reply.code(204).send();
    },
  );

  // Queues, members and topics.
  api.get(
    '/admin/support/queues',
    { config: work, schema: { tags, summary: 'Queues with members' } },
    async () => ({
      items: await listQueues(db),
    }),
  );
  api.get(
    '/admin/support/operators',
    { config: work, schema: { tags, summary: 'Staff who can work requests (assignees, members)' } },
    async () => ({ items: await staffHolding(db, 'support.work') }),
  );
  api.post(
    '/admin/support/queues',
    { config: manage, schema: { tags, summary: 'Create a queue', body: queueBody } },
    async (request, reply) => {
      const id = await audited(
        db,
        request,
        'support.queue.created',
      )(null, (tx) => createQueue(tx, request.body));
      return reply.code(201).send((await listQueues(db)).find((q) => q.id === id));
    },
  );
  api.patch(
    '/admin/support/queues/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename, switch round-robin, deactivate',
        params: idParams,
        body: queuePatchBody,
      },
    },
    async (request) => {
      await audited(db, request, 'support.queue.updated')(
        request.params.id,
        (tx) => updateQueue(tx, request.params.id, request.body),
        request.body,
      );
      return (await listQueues(db)).find((q) => q.id === request.params.id);
    },
  );
  api.put(
    '/admin/support/queues/:id/members',
    {
      config: manage,
      schema: { tags, summary: 'Replace the queue’s operators', params: idParams, body: queueMembersBody },
    },
    async (request) => {
      await audited(db, request, 'support.queue.members')(
        request.params.id,
        (tx) => setQueueMembers(tx, request.params.id, request.body.userIds),
        request.body,
      );
      return (await listQueues(db)).find((q) => q.id === request.params.id);
    },
  );
  api.get('/admin/support/topics', { config: work, schema: { tags, summary: 'Topics' } }, async () => ({
    items: await listTopics(db),
  }));
  api.post(
    '/admin/support/topics',
    { config: manage, schema: { tags, summary: 'Create a topic', body: topicBody } },
    async (request, reply) => {
      const id = await audited(
        db,
        request,
        'support.topic.created',
      )(null, (tx) => createTopic(tx, request.body));
      return reply.code(201).send((await listTopics(db)).find((t) => t.id === id));
    },
  );
  api.patch(
    '/admin/support/topics/:id',
    { config: manage, schema: { tags, summary: 'Edit a topic', params: idParams, body: topicPatchBody } },
    async (request) => {
      await audited(db, request, 'support.topic.updated')(
        request.params.id,
        (tx) => updateTopic(tx, request.params.id, request.body),
        request.body,
      );
      return (await listTopics(db)).find((t) => t.id === request.params.id);
    },
  );
}
