import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type Access, actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import {
  attachmentParams,
  newTicketData,
  orgAttachmentParams,
  orgParams,
  orgTicketParams,
  ratingBody,
  replyData,
  ticketDetailSchema,
  ticketListQuery,
  ticketPageSchema,
  ticketParams,
  topicsSchema,
} from './requests.schema.js';
import {
  closeTicket,
  createTicket,
  listTickets,
  type Requester,
  type RequestScope,
  rateTicket,
  replyToTicket,
  ticketDetail,
  ticketInScope,
  topicsFor,
  visibleMessageIds,
} from './requests.service.js';
import {
  readTicketUpload,
  sendTicketAttachment,
  ticketMaxFiles,
  ticketMultipartLimits,
} from './support.files.js';

const tags = ['support'];

interface Scope {
  kind: RequestScope['kind'];
  prefix: string;
  access: Access;
  params: z.ZodObject;
  itemParams: z.ZodObject;
  fileParams: z.ZodObject;
}

/**
 * The personal cabinet (`/me/support`, the person's own requests) and a company's (`/orgs/:orgId/support`, the
 * requests of every member). Any member of the company may ask and read: asking for help needs no role.
 */
const scopes: Scope[] = [
  {
    kind: 'me',
    prefix: '/me/support',
    access: { signedIn: true },
    params: orgParams.pick({}),
    itemParams: ticketParams,
    fileParams: attachmentParams,
  },
  {
    kind: 'org',
    prefix: '/orgs/:orgId/support',
    access: { org: 'company.read' },
    params: orgParams,
    itemParams: orgTicketParams,
    fileParams: orgAttachmentParams,
  },
];

/** The signed-in person (the operator's link session files no requests of its own). */
function requesterOf(request: FastifyRequest): Requester {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person files support requests');
  return { id: actor.id, name: actor.name, locale: actor.locale };
}

function scopeOf(request: FastifyRequest, kind: Scope['kind']): RequestScope {
  const person = requesterOf(request);
  return kind === 'me'
    ? { kind: 'me', personId: person.id }
    : { kind: 'org', companyId: orgOf(request).orgId, personId: person.id };
}

const localeOf = (request: FastifyRequest) => (actorOf(request).locale === 'en' ? 'en' : 'ru');

/** Requests (обращения) from the side of the person who asks (docs/support.md). */
export function requestRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const storage = storageFor(config);
  const api = app.withTypeProvider<ZodTypeProvider>();

  for (const s of scopes) {
    const base = (request: FastifyRequest) =>
      s.kind === 'me' ? '/api/v1/me/support' : `/api/v1/orgs/${orgOf(request).orgId}/support`;
    const detail = (request: FastifyRequest, id: string) =>
      ticketDetail(
        db,
        scopeOf(request, s.kind),
        id,
        requesterOf(request),
        (ticketId, attachmentId) => `${base(request)}/tickets/${ticketId}/attachments/${attachmentId}`,
      );

    api.get(
      `${s.prefix}/topics`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: 'Topics the person may ask about here',
          params: s.params,
          response: { 200: topicsSchema },
        },
      },
      async (request) => topicsFor(db, scopeOf(request, s.kind), localeOf(request)),
    );

    api.get(
      `${s.prefix}/tickets`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: 'Requests, latest activity first (status open/closed/all, search by number or subject)',
          params: s.params,
          querystring: ticketListQuery,
          response: { 200: ticketPageSchema },
        },
      },
      async (request) => listTickets(db, scopeOf(request, s.kind), request.query, localeOf(request)),
    );

    api.get(
      `${s.prefix}/tickets/:id`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: 'A request with its thread (replies and events)',
          params: s.itemParams,
          response: { 200: ticketDetailSchema },
        },
      },
      async (request) => detail(request, (request.params as { id: string }).id),
    );

    api.post(
      `${s.prefix}/tickets/:id/close`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: 'Close the request',
          params: s.itemParams,
          response: { 200: ticketDetailSchema },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await db.transaction((tx) => closeTicket(tx, requesterOf(request), scopeOf(request, s.kind), id));
        return detail(request, id);
      },
    );

    api.post(
      `${s.prefix}/tickets/:id/rating`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: 'Rate the answer 1–5 with a comment (once, when resolved or closed)',
          params: s.itemParams,
          body: ratingBody,
          response: { 200: ticketDetailSchema },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await db.transaction((tx) => rateTicket(tx, scopeOf(request, s.kind), id, request.body));
        return detail(request, id);
      },
    );

    api.get(
      `${s.prefix}/tickets/:id/attachments/:attachmentId`,
      {
        config: { access: s.access },
        schema: { tags, summary: 'A file of the request', params: s.fileParams },
      },
      async (request, reply) => {
        const { id, attachmentId } = request.params as { id: string; attachmentId: string };
        const ticket = await ticketInScope(db, scopeOf(request, s.kind), id);
        return sendTicketAttachment(
          db,
          storage,
          reply,
          ticket.id,
          attachmentId,
          await visibleMessageIds(db, ticket.id),
        );
      },
    );
  }

  // The routes that take files: multipart ("data" JSON + files), in their own scope with the upload limits.
  app.register(async (upload) => {
    await upload.register(multipart, ticketMultipartLimits);
    const up = upload.withTypeProvider<ZodTypeProvider>();
    for (const s of scopes) {
      up.post(
        `${s.prefix}/tickets`,
        {
          config: { access: s.access },
          schema: {
            tags,
            summary: `File a request (multipart: "data" JSON {subject, topicId, body, priority?, context?} and up to ${ticketMaxFiles} files: JPEG, PNG, WebP or PDF ≤ 10 MB)`,
            consumes: ['multipart/form-data'],
            params: s.params,
          },
        },
        async (request, reply) => {
          const scope = scopeOf(request, s.kind);
          const { data, files } = await readTicketUpload(request, newTicketData);
          const id = await db.transaction((tx) =>
            createTicket(tx, storage, requesterOf(request), scope, data, files),
          );
          const created = await ticketDetail(db, scope, id, requesterOf(request), (ticketId, attachmentId) =>
            s.kind === 'me'
              ? `/api/v1/me/support/tickets/${ticketId}/attachments/${attachmentId}`
              : `/api/v1/orgs/${orgOf(request).orgId}/support/tickets/${ticketId}/attachments/${attachmentId}`,
          );
          return reply.code(201).send(created);
        },
      );
      up.post(
        `${s.prefix}/tickets/:id/messages`,
        {
          config: { access: s.access },
          schema: {
            tags,
            summary: `Reply (multipart: "data" JSON {body} and up to ${ticketMaxFiles} files); a merged request's reply goes to the request it was merged into`,
            consumes: ['multipart/form-data'],
            params: s.itemParams,
          },
        },
        async (request, reply) => {
          const scope = scopeOf(request, s.kind);
          const { id } = request.params as { id: string };
          // Another scope's request is a 404 before the upload is read.
          await ticketInScope(db, scope, id);
          const { data, files } = await readTicketUpload(request, replyData);
          const target = await db.transaction((tx) =>
            replyToTicket(tx, storage, requesterOf(request), scope, id, data, files),
          );
          const base =
            s.kind === 'me' ? '/api/v1/me/support' : `/api/v1/orgs/${orgOf(request).orgId}/support`;
          return reply
            .code(201)
            .send(
              await ticketDetail(
                db,
                scope,
                target,
                requesterOf(request),
                (ticketId, attachmentId) => `${base}/tickets/${ticketId}/attachments/${attachmentId}`,
              ),
            );
        },
      );
    }
  });
}
