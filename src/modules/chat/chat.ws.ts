import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ChatClient, ChatHub } from './chat.hub.js';
import {
  type ChatEvent,
  chatChannel,
  companyIdsOf,
  customerConversation,
  markConversationRead,
  type Side,
  staffConversation,
} from './chat.service.js';

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), conversationId: z.uuid() }),
  z.object({
    type: z.literal('read'),
    conversationId: z.uuid(),
    messageId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ type: z.literal('ping') }),
]);

const typingEveryMs = 2000;

/**
 * GET /api/v1/chat/ws: the event socket of a signed-in person (the session cookie of the upgrade request).
 * The browser sends `typing` and `read`; the server pushes `message`, `typing` and `read` (docs/chat.md).
 */
export async function chatSocketRoutes(
  app: FastifyInstance,
  db: Db,
  hub: ChatHub,
  trustedOrigin: string,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 16 * 1024 } });
    scope.get(
      '/chat/ws',
      {
        websocket: true,
        config: { access: { signedIn: true } },
        schema: { tags: ['chat'], summary: 'The chat event socket (WebSocket upgrade)', hide: true },
        // A page on another site may open a socket with the person's cookies: only the portal's pages may.
        onRequest: async (request) => {
          if (request.headers.origin !== trustedOrigin) {
            throw new AppError('CSRF_REJECTED', 'This connection did not come from the portal’s pages');
          }
        },
      },
      async (socket, request) => {
        const actor = actorOf(request);
        const client: ChatClient = {
          socket,
          userId: actor.id,
          name: actor.name,
          staff: actor.kind === 'person' && actor.permissions.includes('support.work'),
          companyIds: await companyIdsOf(db, actor.id),
          alive: true,
        };
        hub.add(client);
        const lastTyping = new Map<string, number>();
        const sideIn = async (conversationId: string): Promise<Side> => {
          try {
            await customerConversation(db, actor.id, conversationId);
            return 'customer';
          } catch (error) {
            if (!client.staff) throw error;
            await staffConversation(db, conversationId);
            return 'staff';
          }
        };
        socket.on('message', (raw) => {
          let parsed: z.infer<typeof clientMessage>;
          try {
            parsed = clientMessage.parse(JSON.parse(String(raw)));
          } catch {
            socket.send(JSON.stringify({ type: 'error', code: 'BAD_REQUEST', message: 'Unknown message' }));
            return;
          }
          handle(parsed).catch((error) => {
            const code = error instanceof AppError ? error.code : 'INTERNAL';
            if (code === 'INTERNAL') request.log.error({ err: error }, 'chat socket message failed');
            socket.send(
              JSON.stringify({
                type: 'error',
                code,
                message: code === 'INTERNAL' ? 'Failed' : error.message,
              }),
            );
          });
        });
        const handle = async (message: z.infer<typeof clientMessage>) => {
          if (message.type === 'ping') {
            socket.send(JSON.stringify({ type: 'pong' }));
            return;
          }
          const side = await sideIn(message.conversationId);
          if (message.type === 'typing') {
            const now = Date.now();
            if (now - (lastTyping.get(message.conversationId) ?? 0) < typingEveryMs) return;
            lastTyping.set(message.conversationId, now);
            await hub.pubsub.publish(db, chatChannel, {
              t: 'typing',
              c: message.conversationId,
              u: actor.id,
              side,
              name: actor.name,
            } satisfies ChatEvent);
          } else if (actor.kind === 'person') {
            const conversation = await staffConversation(db, message.conversationId);
            await markConversationRead(
              db,
              hub.pubsub,
              conversation,
              { id: actor.id, side },
              message.messageId,
            );
          }
        };
        socket.send(JSON.stringify({ type: 'ready', userId: actor.id }));
      },
    );
  });
}
