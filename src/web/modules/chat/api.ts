import { useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';

export type Side = 'staff' | 'customer';

export interface ChatMessage {
  id: number;
  conversationId: string;
  side: Side;
  authorId: string | null;
  authorName: string;
  text: string;
  attachment: { name: string; type: string; size: number; url: string } | null;
  createdAt: string;
}

export interface Conversation {
  id: string;
  kind: 'company' | 'personal';
  companyId: string | null;
  title: string;
  assignedTo: string | null;
  lastMessageId: number | null;
  lastMessageAt: string | null;
  lastText: string | null;
  unread: number;
}

export interface ConversationDetail extends Conversation {
  read: { customer: number; staff: number };
}

/** The API base of one side: the customer's `/chat` or the staff's `/admin/chat`. */
export const chatBase = (side: Side) => (side === 'staff' ? '/api/v1/admin/chat' : '/api/v1/chat');

export const maxFileBytes = 10 * 1024 * 1024;
export const acceptedFiles = 'image/jpeg,image/png,image/webp,application/pdf';

export const messagesPage = (side: Side, id: string, query: { before?: number; after?: number }) =>
  api<{ items: ChatMessage[]; hasMore: boolean }>(`${chatBase(side)}/conversations/${id}/messages`, {
    query: { ...query, limit: 50 },
  });

/** Sends a file message (multipart: the `data` JSON field and the file). */
export async function sendFile(side: Side, id: string, file: File, text: string): Promise<ChatMessage> {
  const form = new FormData();
  form.set('data', JSON.stringify({ text }));
  form.append('file', file);
  const response = await fetch(`${chatBase(side)}/conversations/${id}/files`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json' },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ?? `HTTP ${response.status}`);
  return body as ChatMessage;
}

export type SocketEvent =
  | { type: 'ready' }
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'typing'; conversationId: string; side: Side; name: string }
  | { type: 'read'; conversationId: string; side: Side; messageId: number }
  | { type: 'error'; code: string; message: string };

export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * One chat socket for the page: reconnects with growing pauses (1 s … 30 s) and reports each (re)connection,
 * so the page catches up on messages it missed in between (docs/chat.md).
 */
export function useChatSocket(onEvent: (event: SocketEvent) => void, onConnected: () => void) {
  const [state, setState] = useState<ConnectionState>('connecting');
  const socketRef = useRef<WebSocket | null>(null);
  const handlers = useRef({ onEvent, onConnected });
  handlers.current = { onEvent, onConnected };

  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      setState('connecting');
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/chat/ws`;
      const socket = new WebSocket(url);
      socketRef.current = socket;
      socket.onmessage = (message) => {
        let event: SocketEvent;
        try {
          event = JSON.parse(String(message.data)) as SocketEvent;
        } catch {
          return;
        }
        if (event.type === 'ready') {
          attempt = 0;
          setState('online');
          handlers.current.onConnected();
        } else handlers.current.onEvent(event);
      };
      socket.onclose = () => {
        if (socketRef.current === socket) socketRef.current = null;
        if (stopped) return;
        setState('offline');
        timer = setTimeout(connect, Math.min(1000 * 2 ** attempt++, 30_000));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socketRef.current?.close();
    };
  }, []);

  const send = (data: unknown) => {
    const socket = socketRef.current;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(data));
  };
  return { state, send };
}
