import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { type Inbox, openSocket } from './chat.testkit.js';

let k: CompaniesTestApp;
let base: string;
let buyer: string;
let admin: string;
let supplier: string;
let conversationId: string;
const open: WebSocket[] = [];

beforeAll(async () => {
  k = await companiesTestApp();
  await k.t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(k.t.app.server.address() as AddressInfo).port}/api/v1/chat/ws`;
  [buyer, admin, supplier] = (await Promise.all(
    [demoPeople.buyer, demoPeople.admin, demoPeople.supplier].map((p) => k.cookieOf(p.email)),
  )) as [string, string, string];
  const dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
  conversationId = (await k.as(buyer)('POST', '/api/v1/chat/conversations', { orgId: dealerId })).json().id;
}, 120_000);
afterAll(async () => {
  for (const socket of open) socket.terminate();
  await k?.t.close();
});

async function connect(cookie: string): Promise<Inbox> {
  const inbox = await openSocket(base, { cookie, origin });
  open.push(inbox.socket);
  return inbox;
}

/** The HTTP status the upgrade was refused with. */
function refused(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(base, { headers });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => reject(new Error('the socket opened')));
    socket.on('error', () => {});
  });
}

describe('chat socket', () => {
  it('refuses a stranger and a page on another site', async () => {
    expect(await refused({ origin })).toBe(401);
    expect(await refused({ origin: 'https://evil.example', cookie: buyer })).toBe(403);
    expect(await refused({ cookie: buyer })).toBe(403);
  });

  it('pushes messages, typing and read receipts between the buyer and the manager', async () => {
    const buyerSocket = await connect(buyer);
    const managerSocket = await connect(admin);
    const strangerSocket = await connect(supplier);

    const sent = await k.as(buyer)('POST', `/api/v1/chat/conversations/${conversationId}/messages`, {
      text: 'Привет из сокета',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const pushed = await managerSocket.next((e) => e.type === 'message');
    expect(pushed).toMatchObject({
      conversationId,
      message: { id: sent.json().id, text: 'Привет из сокета', side: 'customer' },
    });
    // The staff side gets the staff download URL.
    expect((await buyerSocket.next((e) => e.type === 'message')).message.id).toBe(sent.json().id);

    managerSocket.send({ type: 'typing', conversationId });
    expect(await buyerSocket.next((e) => e.type === 'typing')).toMatchObject({
      conversationId,
      side: 'staff',
      name: demoPeople.admin.name,
    });

    managerSocket.send({ type: 'read', conversationId, messageId: sent.json().id });
    expect(await buyerSocket.next((e) => e.type === 'read')).toMatchObject({
      conversationId,
      side: 'staff',
      messageId: sent.json().id,
    });

    // Bad input on the socket is answered, not fatal.
    buyerSocket.send({ type: 'dance' });
    expect((await buyerSocket.next((e) => e.type === 'error')).code).toBe('BAD_REQUEST');
    // A member of another company hears nothing about this conversation and may not type in it.
    strangerSocket.send({ type: 'typing', conversationId });
    expect((await strangerSocket.next((e) => e.type === 'error')).code).toBe('NOT_FOUND');
    expect(strangerSocket.events.filter((e) => e.conversationId === conversationId)).toEqual([]);
  });
});
