import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, actorOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import type { PubSub } from '../../server/core/pubsub.js';
import { type FileStorage, storageFor } from '../../server/core/storage.js';
import { attachmentMaxBytes } from '../orders/attachments.js';
import { readChatUpload, sendChatFile } from './chat.files.js';
import { fileUrlFor } from './chat.hub.js';
import {
  chatMessageSchema,
  conversationDetailSchema,
  conversationListSchema,
  conversationParams,
  inboxQuery,
  messagePageSchema,
  messageParams,
  messagesQuery,
  openConversationBody,
  readBody,
  readResultSchema,
  sendMessageBody,
} from './chat.schema.js';
import {
  assignConversation,
  type Conversation,
  conversationSummary,
  customerConversation,
  listCustomerConversations,
  listMessages,
  listStaffConversations,
  markConversationRead,
  messageById,
  type NewMessage,
  openConversation,
  presentMessage,
  type Side,
  sendMessage,
  staffConversation,
} from './chat.service.js';

const tags = ['chat'];
const staffAccess = { permission: 'support.work' as const };
const signedIn = { signedIn: true as const };

/** Staff write as themselves; the start-up operator link is not a person and cannot. */
function staffWriter(actor: Actor): string {
  if (actor.kind !== 'person') {
    throw new AppError('FORBIDDEN', 'Sign in with a staff account to write in the chat');
  }
  return actor.id;
}

interface SideRoutes {
  prefix: string;
  side: Side;
  access: typeof staffAccess | typeof signedIn;
  conversationOf(request: FastifyRequest, id: string): Promise<Conversation>;
  writerOf(actor: Actor): string;
}

/**
 * Live chat (docs/chat.md): the customer side under /chat (a person's own conversation and their companies'),
 * the staff side under /admin/chat. Messages are written over HTTP; the socket only carries events.
 */
export async function chatRoutes(
  app: FastifyInstance,
  { db, config }: ModuleContext,
  pubsub: PubSub,
): Promise<void> {
  const storage = storageFor(config);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/chat/conversations',
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: 'My conversations: my own and those of my companies',
        response: { 200: conversationListSchema },
      },
    },
    async (request) => ({ items: await listCustomerConversations(db, actorOf(request).id) }),
  );
  api.post(
    '/chat/conversations',
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: 'Open (or get) the conversation with my manager (orgId) or with support (no orgId)',
        body: openConversationBody,
        response: { 200: conversationDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const conversation = await openConversation(db, actor.id, request.body.orgId);
      return conversationSummary(db, conversation.id, actor.id, 'customer');
    },
  );

  api.get(
    '/admin/chat/conversations',
    {
      config: { access: staffAccess },
      schema: {
        tags,
        summary: 'The chat inbox: conversations assigned to me, the unassigned queue, or both',
        querystring: inboxQuery,
        response: { 200: conversationListSchema },
      },
    },
    async (request) => ({
      items: await listStaffConversations(db, actorOf(request).id, request.query.filter),
    }),
  );
  api.post(
    '/admin/chat/conversations/:conversationId/take',
    {
      config: { access: staffAccess },
      schema: {
        tags,
        summary: 'Take the conversation: it becomes mine',
        params: conversationParams,
        response: { 200: conversationDetailSchema },
      },
    },
    async (request) => {
      const staffId = staffWriter(actorOf(request));
      await assignConversation(db, request.params.conversationId, staffId);
      return conversationSummary(db, request.params.conversationId, staffId, 'staff');
    },
  );

  const sides: SideRoutes[] = [
    {
      prefix: '/chat',
      side: 'customer',
      access: signedIn,
      conversationOf: (request, id) => customerConversation(db, actorOf(request).id, id),
      writerOf: (actor) => actor.id,
    },
    {
      prefix: '/admin/chat',
      side: 'staff',
      access: staffAccess,
      conversationOf: (_request, id) => staffConversation(db, id),
      writerOf: staffWriter,
    },
  ];
  for (const s of sides) sideRoutes(app, db, storage, pubsub, s);
}

function sideRoutes(app: FastifyInstance, db: Db, storage: FileStorage, pubsub: PubSub, s: SideRoutes) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = `${s.prefix}/conversations/:conversationId`;

  const respondWith = async (conversationId: string, id: number) => {
    const row = await messageById(db, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such message');
    return presentMessage(row.m, row.name, fileUrlFor(s.side, conversationId));
  };
  const write = async (conversation: Conversation, writer: string, input: NewMessage) => {
    const id = await db.transaction((tx) =>
      sendMessage(tx, pubsub, conversation, { id: writer, side: s.side }, input),
    );
    return respondWith(conversation.id, id);
  };

  api.get(
    base,
    {
      config: { access: s.access },
      schema: {
        tags,
        summary: 'One conversation with the read positions of both sides',
        params: conversationParams,
        response: { 200: conversationDetailSchema },
      },
    },
    async (request) => {
      const conversation = await s.conversationOf(request, request.params.conversationId);
      return conversationSummary(db, conversation.id, actorOf(request).id, s.side);
    },
  );
  api.get(
    `${base}/messages`,
    {
      config: { access: s.access },
      schema: {
        tags,
        summary:
          'Messages, oldest first: the newest page, older ones (before) or the ones after an id (catch-up)',
        params: conversationParams,
        querystring: messagesQuery,
        response: { 200: messagePageSchema },
      },
    },
    async (request) => {
      const conversation = await s.conversationOf(request, request.params.conversationId);
      return listMessages(db, conversation.id, request.query, fileUrlFor(s.side, conversation.id));
    },
  );
  api.post(
    `${base}/messages`,
    {
      config: { access: s.access },
      schema: {
        tags,
        summary: 'Write a text message',
        params: conversationParams,
        body: sendMessageBody,
        response: { 201: chatMessageSchema },
      },
    },
    async (request, reply) => {
      const conversation = await s.conversationOf(request, request.params.conversationId);
      const writer = s.writerOf(actorOf(request));
      return reply.code(201).send(await write(conversation, writer, { text: request.body.text }));
    },
  );
  api.post(
    `${base}/read`,
    {
      config: { access: s.access },
      schema: {
        tags,
        summary: 'I have read up to this message (read receipts of the other side)',
        params: conversationParams,
        body: readBody,
        response: { 200: readResultSchema },
      },
    },
    async (request) => {
      const conversation = await s.conversationOf(request, request.params.conversationId);
      const reader = s.writerOf(actorOf(request));
      const messageId = await markConversationRead(
        db,
        pubsub,
        conversation,
        { id: reader, side: s.side },
        request.body.messageId,
      );
      return { messageId };
    },
  );
  api.get(
    `${base}/messages/:messageId/file`,
    {
      config: { access: s.access },
      schema: { tags, summary: 'Download the file of a message', params: messageParams },
    },
    async (request, reply) => {
      const conversation = await s.conversationOf(request, request.params.conversationId);
      return sendChatFile(db, storage, reply, conversation.id, request.params.messageId);
    },
  );

  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: attachmentMaxBytes, files: 1, fields: 1, parts: 2 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/files`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary:
            'Send a file (multipart: optional "data" JSON with text, and one "file": JPEG/PNG/WebP/PDF ≤ 10 MB)',
          consumes: ['multipart/form-data'],
          params: conversationParams,
          response: { 201: chatMessageSchema },
        },
      },
      async (request, reply) => {
        // Another person's conversation is a 404 before the upload is read.
        const conversation = await s.conversationOf(request, request.params.conversationId);
        const writer = s.writerOf(actorOf(request));
        const input = await readChatUpload(request, storage, conversation.id);
        return reply.code(201).send(await write(conversation, writer, input));
      },
    );
  });
}
