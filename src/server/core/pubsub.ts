import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Db } from './db.js';

/**
 * Fan-out of small events between the server processes (docs/chat.md). Payloads carry ids only; receivers
 * load what they need, so a payload never holds message text and stays far below NOTIFY's 8 kB limit.
 */
export interface PubSub {
  readonly kind: 'memory' | 'postgres';
  /**
   * Publishes on a channel. Pass the changing transaction as `db`: on PostgreSQL the NOTIFY is then delivered
   * only when it commits (and never when it rolls back).
   */
  publish(db: Db, channel: string, payload: unknown): Promise<void>;
  /** Calls `handler` for every payload on the channel (from any process); returns the unsubscribe. */
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
  /** Resolves once the listener is connected (startup and tests wait for it so no early event is missed). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

type Handlers = Map<string, Set<(payload: unknown) => void>>;

function addHandler(handlers: Handlers, channel: string, handler: (payload: unknown) => void) {
  const set = handlers.get(channel) ?? new Set();
  handlers.set(channel, set);
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

function dispatch(handlers: Handlers, channel: string, payload: unknown, log?: FastifyBaseLogger) {
  for (const handler of handlers.get(channel) ?? []) {
    try {
      handler(payload);
    } catch (error) {
      log?.error({ err: error, channel }, 'pubsub handler failed');
    }
  }
}

/**
 * One process (PGlite, which is single-process anyway). Delivery waits a turn of the event loop; PGlite runs
 * one query at a time, so a receiver's read queues behind the publishing transaction's commit.
 */
export function memoryPubSub(): PubSub {
  const handlers: Handlers = new Map();
  return {
    kind: 'memory',
    async publish(_db, channel, payload) {
      setImmediate(() => dispatch(handlers, channel, payload));
    },
    subscribe: (channel, handler) => addHandler(handlers, channel, handler),
    ready: async () => {},
    async close() {
      handlers.clear();
    },
  };
}

const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL LISTEN/NOTIFY: one dedicated connection per process listens on every subscribed channel and
 * reconnects with backoff when the connection drops. Events published while it was down are not replayed;
 * the clients catch up by "messages after id X" when they reconnect, so nothing is lost for good.
 */
export function postgresPubSub(url: string, log: FastifyBaseLogger): PubSub {
  const handlers: Handlers = new Map();
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let ready: Promise<void> = Promise.resolve();

  const listenAll = async (c: pg.Client) => {
    for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (!message.payload) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload);
      } catch {
        return;
      }
      dispatch(handlers, message.channel, payload, log);
    });
    c.on('error', (error) => {
      log.warn({ err: error }, 'pubsub connection lost; reconnecting');
      c.end().catch(() => {});
      if (client === c) client = null;
      schedule();
    });
    await c.connect();
    await listenAll(c);
    client = c;
    attempt = 0;
  };
  const schedule = () => {
    if (closed || timer) return;
    const delay = Math.min(500 * 2 ** attempt++, 15_000);
    timer = setTimeout(() => {
      timer = null;
      ready = connect().catch((error) => {
        log.warn({ err: error }, 'pubsub could not connect; retrying');
        schedule();
      });
    }, delay);
  };
  ready = connect().catch((error) => {
    log.warn({ err: error }, 'pubsub could not connect; retrying');
    schedule();
  });

  return {
    kind: 'postgres',
    async publish(db, channel, payload) {
      if (!channelPattern.test(channel)) throw new Error(`bad channel ${channel}`);
      await db.execute(sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`);
    },
    subscribe(channel, handler) {
      if (!channelPattern.test(channel)) throw new Error(`bad channel ${channel}`);
      const fresh = !handlers.has(channel);
      const off = addHandler(handlers, channel, handler);
      if (fresh) {
        ready = ready.then(() => client?.query(`LISTEN ${channel}`).then(() => {})).catch(() => {});
      }
      return off;
    },
    ready: () => ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready;
      await client?.end().catch(() => {});
      client = null;
      handlers.clear();
    },
  };
}

/**
 * The fan-out for this deployment: LISTEN/NOTIFY on PostgreSQL, in-process on PGlite. A Redis implementation
 * (REDIS_URL) fits the same interface but needs a Redis client package, which Kabinet does not ship yet.
 */
export function createPubSub(config: { databaseUrl: string | undefined }, log: FastifyBaseLogger): PubSub {
  return config.databaseUrl ? postgresPubSub(config.databaseUrl, log) : memoryPubSub();
}
