import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Db } from '../../server/core/db.js';
import type { PubSub } from '../../server/core/pubsub.js';
import {
  type ChatEvent,
  type Conversation,
  canSee,
  chatChannel,
  messageById,
  presentMessage,
  type Side,
  staffConversation,
} from './chat.service.js';

/** One connected browser tab. */
export interface ChatClient {
  socket: WebSocket;
  userId: string;
  name: string;
  /** Holds `support.work`: hears every conversation on the staff side. */
  staff: boolean;
  companyIds: ReadonlySet<string>;
  alive: boolean;
}

export const fileUrlFor = (side: Side, conversationId: string) => (messageId: number) =>
  side === 'staff'
    ? `/api/v1/admin/chat/conversations/${conversationId}/messages/${messageId}/file`
    : `/api/v1/chat/conversations/${conversationId}/messages/${messageId}/file`;

const heartbeatMs = 25_000;

/**
 * The sockets of this process. Every process subscribes to the chat channel; whichever process wrote a
 * message, each one loads it once and pushes it to its own sockets that may see the conversation.
 */
export class ChatHub {
  readonly clients = new Set<ChatClient>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    readonly pubsub: PubSub,
    log: FastifyBaseLogger,
  ) {
    this.unsubscribe = pubsub.subscribe(chatChannel, (payload) => {
      this.deliver(payload as ChatEvent).catch((error) => log.error({ err: error }, 'chat delivery failed'));
    });
    // A socket that misses a pong is gone (a sleeping laptop, a dropped mobile network): drop it.
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) {
        if (!client.alive) {
          client.socket.terminate();
          this.clients.delete(client);
          continue;
        }
        client.alive = false;
        client.socket.ping();
      }
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  add(client: ChatClient): void {
    this.clients.add(client);
    client.socket.on('pong', () => {
      client.alive = true;
    });
    client.socket.on('close', () => this.clients.delete(client));
  }

  private async deliver(event: ChatEvent): Promise<void> {
    if (this.clients.size === 0) return;
    let conversation: Conversation;
    try {
      conversation = await staffConversation(this.db, event.c);
    } catch {
      return;
    }
    const audience = [...this.clients]
      .map((client) => ({ client, side: canSee(conversation, client) }))
      .filter((a): a is { client: ChatClient; side: Side } => a.side !== null);
    if (audience.length === 0) return;
    if (event.t === 'message') {
      const row = await this.loadMessage(event.m);
      if (!row) return;
      for (const { client, side } of audience) {
        send(client, {
          type: 'message',
          conversationId: event.c,
          message: presentMessage(row.m, row.name, fileUrlFor(side, event.c)),
        });
      }
    } else if (event.t === 'typing') {
      for (const { client } of audience) {
        if (client.userId === event.u) continue;
        send(client, { type: 'typing', conversationId: event.c, side: event.side, name: event.name });
      }
    } else if (event.t === 'read') {
      for (const { client } of audience) {
        send(client, { type: 'read', conversationId: event.c, side: event.side, messageId: event.m });
      }
    }
  }

  /**
   * On PostgreSQL the NOTIFY arrives after the commit; the in-process fan-out may run a moment before the
   * writer's commit on a real server, so look again briefly before giving up.
   */
  private async loadMessage(id: number) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await messageById(this.db, id);
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
    return null;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) client.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}

function send(client: ChatClient, data: unknown): void {
  if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(data));
}
