import WebSocket from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: events are JSON read back in assertions
export type ChatSocketEvent = Record<string, any>;

export interface Inbox {
  socket: WebSocket;
  events: ChatSocketEvent[];
  /** The first event (already received or still to come) that matches, removed from the inbox. */
  next(match: (event: ChatSocketEvent) => boolean, timeoutMs?: number): Promise<ChatSocketEvent>;
  send(data: unknown): void;
}

/** Opens a chat socket with the given headers and collects its events. */
export function openSocket(url: string, headers: Record<string, string>): Promise<Inbox> {
  const socket = new WebSocket(url, { headers });
  const events: ChatSocketEvent[] = [];
  const waiters: { match: (e: ChatSocketEvent) => boolean; resolve: (e: ChatSocketEvent) => void }[] = [];
  socket.on('message', (raw) => {
    const event = JSON.parse(String(raw)) as ChatSocketEvent;
    const waiter = waiters.find((w) => w.match(event));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    } else events.push(event);
  });
  const inbox: Inbox = {
    socket,
    events,
    next(match, timeoutMs = 10_000) {
      const index = events.findIndex(match);
      if (index >= 0) return Promise.resolve(events.splice(index, 1)[0] as ChatSocketEvent);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching chat event in time')), timeoutMs);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    send: (data) => socket.send(JSON.stringify(data)),
  };
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    // The server says `ready` once the socket is registered, so no event is missed after this resolves.
    inbox.next((e) => e.type === 'ready').then(() => resolve(inbox), reject);
  });
}
