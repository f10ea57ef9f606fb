import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { type ServerProcess, startServer, tempDataDir } from '../../test/process.js';
import { type Inbox, openSocket } from './chat.testkit.js';

// Two real server processes on one PostgreSQL database: a message written through one reaches a socket of the
// other through LISTEN/NOTIFY. It needs a PostgreSQL server, so it runs only with TEST_DATABASE_URL.
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) console.info('chat two-process test skipped: set TEST_DATABASE_URL to run it');

const publicUrl = 'http://localhost:3999';
const password = 'two-process-demo-password';
const servers: ServerProcess[] = [];
const dirs: string[] = [];
const sockets: Inbox[] = [];
let database: string | null = null;

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const s of sockets) s.socket.terminate();
  for (const server of servers) {
    if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (database) await admin((c) => c.query(`drop database if exists ${database} with (force)`));
});

/** A free port: both processes announce the same PUBLIC_URL, so the test needs each one's real port. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function start(url: string) {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const port = await freePort();
  const server = await startServer({
    PORT: String(port),
    DATABASE_URL: url,
    KABINET_DATA_DIR: dataDir,
    PUBLIC_URL: publicUrl,
    KABINET_SESSION_SECRET: 'two-process-session-secret-0123456789abcdef',
    KABINET_DEMO_PASSWORD: password,
  });
  servers.push(server);
  return `http://127.0.0.1:${port}`;
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: publicUrl },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token'));
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0] as string;
}

const call = (base: string, cookie: string, method: string, path: string, body?: unknown) =>
  fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie, origin: publicUrl, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe.skipIf(!adminUrl)('chat across two server processes on one PostgreSQL', { timeout: 180_000 }, () => {
  it('a message written through process A reaches a socket on process B, and typing goes back', async () => {
    database = `kabinet_chat2p_${process.pid}_${Date.now()}`;
    await admin((c) => c.query(`create database ${database}`));
    const url = new URL(adminUrl as string);
    url.pathname = `/${database}`;
    // A migrates and seeds the demo; B starts on the ready database.
    const a = await start(url.toString());
    const b = await start(url.toString());

    const buyer = await signIn(a, demoPeople.buyer.email);
    const manager = await signIn(b, demoPeople.admin.email);
    const me = await (await call(a, buyer, 'GET', '/me')).json();
    const dealer = me.contexts.companies.find((c: { name: string }) => c.name === demoCompanies.dealer.name);
    const open = await call(a, buyer, 'POST', '/chat/conversations', { orgId: dealer.id });
    expect(open.status).toBe(200);
    const conversationId = (await open.json()).id as string;

    const ws = (base: string) => `${base.replace(/^http/, 'ws')}/api/v1/chat/ws`;
    const onA = await openSocket(ws(a), { cookie: buyer, origin: publicUrl });
    const onB = await openSocket(ws(b), { cookie: manager, origin: publicUrl });
    sockets.push(onA, onB);

    const sent = await call(a, buyer, 'POST', `/chat/conversations/${conversationId}/messages`, {
      text: 'Через процесс A',
    });
    expect(sent.status).toBe(201);
    const message = await sent.json();
    const pushed = await onB.next((e) => e.type === 'message');
    expect(pushed).toMatchObject({ conversationId, message: { id: message.id, text: 'Через процесс A' } });

    onB.send({ type: 'typing', conversationId });
    expect(await onA.next((e) => e.type === 'typing')).toMatchObject({ conversationId, side: 'staff' });

    const reply = await call(b, manager, 'POST', `/admin/chat/conversations/${conversationId}/messages`, {
      text: 'Ответ через процесс B',
    });
    expect(reply.status).toBe(201);
    expect((await onA.next((e) => e.type === 'message' && e.message.side === 'staff')).message.text).toBe(
      'Ответ через процесс B',
    );
  });
});
