import { readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServerProcess, spawnKabinet, startServer, tempDataDir } from '../test/process.js';

// These tests run the real server as a child process on a real embedded database directory.
const running: ServerProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const newDir = () => {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
};

async function start(env: Record<string, string>) {
  const server = await startServer(env);
  running.push(server);
  return server;
}

async function operatorCookie(server: ServerProcess, dataDir: string): Promise<string> {
  const { operatorToken } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  const res = await fetch(`${server.url}/api/v1/auth/operator?token=${operatorToken}`, {
    redirect: 'manual',
  });
  const cookie = res.headers.getSetCookie()[0];
  if (!cookie) throw new Error(`no operator cookie: ${res.status}`);
  return cookie.split(';')[0] as string;
}

describe('configuration errors stop the server with one line', { timeout: 120_000 }, () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' }, 'DATABASE_URL'],
  ])('%o', async (env, variable) => {
    const child = spawnKabinet('start', { KABINET_DATA_DIR: newDir(), ...env });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    const lines = child.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(child.stdout()).not.toContain('Kabinet is running');
  });

  it('refuses a second process on the same embedded data directory', async () => {
    const dataDir = newDir();
    await start({ KABINET_DATA_DIR: dataDir });
    const second = spawnKabinet('start', { KABINET_DATA_DIR: dataDir, PORT: '0' });
    expect((await second.exited).code).toBe(1);
    expect(second.stderr().trim()).toMatch(
      /^kabinet: KABINET_DATA_DIR=.* is in use by another Kabinet process/,
    );
  });
});

describe('start', { timeout: 120_000 }, () => {
  // How fast a cold start is belongs to `npm run bench` (coldStartMs), not to a test.
  it('answers /healthz after a cold start and prints the demo sign-in', async () => {
    const server = await start({ KABINET_DATA_DIR: newDir(), KABINET_DEMO_PASSWORD: 'demo-pass-123' });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(server.output()).toContain('admin@demo.kabinet.local');
    expect(server.output()).toContain('demo-pass-123');
  });

  it('`kabinet operator-link` prints the link with the stored token', async () => {
    const dataDir = newDir();
    const child = spawnKabinet('operator-link', {
      KABINET_DATA_DIR: dataDir,
      PUBLIC_URL: 'https://portal.example.ru',
    });
    expect((await child.exited).code).toBe(0);
    const { operatorToken } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(child.stdout().trim()).toBe(
      `https://portal.example.ru/api/v1/auth/operator?token=${operatorToken}`,
    );
  });

  it('`kabinet migrate` applies migrations and exits', async () => {
    const child = spawnKabinet('migrate', { KABINET_DATA_DIR: newDir() });
    expect((await child.exited).code).toBe(0);
    expect(child.stdout()).toContain('migrations applied');
  });
});

describe('crash safety', { timeout: 120_000 }, () => {
  it('keeps committed writes and queued jobs after SIGKILL during a burst of writes', async () => {
    const dataDir = newDir();
    const env = { KABINET_DATA_DIR: dataDir, KABINET_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '0' };
    // This first process only serves HTTP, so every accepted message stays a queued job.
    const first = await start({ ...env, KABINET_WORKER: 'false' });
    const cookie = await operatorCookie(first, dataDir);
    const acknowledged: string[] = [];
    const send = async (i: number) => {
      const to = `burst-${i}@example.ru`;
      try {
        const res = await fetch(`${first.url}/api/v1/admin/mail/test`, {
          method: 'POST',
          headers: { cookie, origin: first.url, 'content-type': 'application/json' },
          body: JSON.stringify({ to }),
        });
        if (res.status === 202) acknowledged.push(to);
      } catch {
        // The process was killed while this request was in flight: not acknowledged, not expected.
      }
    };
    const burst: Promise<void>[] = [];
    for (let i = 0; i < 400; i++) {
      burst.push(send(i));
      if (i === 120) {
        while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
        first.proc.kill('SIGKILL');
      }
    }
    await Promise.all(burst);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await start({ ...env, JOBS_POLL_MS: '100' });
    const cookie2 = await operatorCookie(second, dataDir);
    const delivered = new Set<string>();
    for (let i = 0; i < 100 && acknowledged.some((to) => !delivered.has(to)); i++) {
      let cursor: string | null = null;
      delivered.clear();
      do {
        const page: { items: { to: string }[]; nextCursor: string | null } = await (
          await fetch(
            `${second.url}/api/v1/admin/dev-mailbox?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
            {
              headers: { cookie: cookie2 },
            },
          )
        ).json();
        for (const m of page.items) delivered.add(m.to);
        cursor = page.nextCursor;
      } while (cursor);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(acknowledged.filter((to) => !delivered.has(to))).toEqual([]);
  });
});

describe('graceful shutdown', { timeout: 120_000 }, () => {
  it('finishes a slow request after SIGTERM, then exits 0', async () => {
    const dataDir = newDir();
    const server = await start({ KABINET_DATA_DIR: dataDir, KABINET_DEMO: 'false' });
    const cookie = await operatorCookie(server, dataDir);
    const { hostname, port } = new URL(server.url);
    const body = JSON.stringify({ to: 'slow@example.ru' });
    const socket = connect(Number(port), hostname);
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk;
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/v1/admin/mail/test HTTP/1.1\r\nHost: ${hostname}\r\nCookie: ${cookie}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    // New connections are refused while the slow request is still being received.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    socket.write(body.slice(5));
    const { code } = await server.exited;
    expect(response).toMatch(/^HTTP\/1.1 202/);
    expect(response).toContain('"queued":true');
    expect(code).toBe(0);
  });
});
