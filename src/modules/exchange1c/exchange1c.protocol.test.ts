import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { sessionDir } from './exchange1c.files.js';
import { ExchangeClient } from './testing/client.js';

const login = 'exchange-1c';
const password = 'correct horse battery';
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await buildTestApp({ exchange1c: { login, password, fileLimit: 64 * 1024 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

describe('1C exchange protocol (type=catalog)', () => {
  it('checkauth answers success, the cookie name and value, sessid and timestamp', async () => {
    const client = new ExchangeClient(baseUrl, login, password);
    const answer = await client.checkauth();
    expect(answer.httpStatus).toBe(200);
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(answer.status).toBe('success');
    expect(answer.lines[0]).toBe('kabinet_1c');
    expect(answer.lines[1]).toMatch(/^[\w-]{20,}$/);
    expect(answer.lines[2]).toBe(`sessid=${answer.lines[1]}`);
    expect(answer.lines[3]).toMatch(/^timestamp=\d{10}$/);
  });

  it('refuses wrong credentials and requests without a session, in plain text', async () => {
    const wrong = new ExchangeClient(baseUrl, login, 'wrong password');
    expect(await wrong.checkauth()).toMatchObject({ status: 'failure', lines: ['wrong login or password'] });
    const none = await new ExchangeClient(baseUrl, '', '').request('type=catalog&mode=checkauth');
    expect(none.status).toBe('failure');
    const anonymous = await new ExchangeClient(baseUrl, login, password).request('type=catalog&mode=init');
    expect(anonymous).toMatchObject({ status: 'failure', httpStatus: 200 });
    expect(anonymous.contentType).toMatch(/^text\/plain/);
  });

  it('init answers zip and file_limit; a session is accepted by cookie or by sessid', async () => {
    const client = new ExchangeClient(baseUrl, login, password);
    await client.checkauth();
    const init = await client.init();
    expect(init.status).toBe('zip=yes');
    expect(init.lines).toEqual([`file_limit=${64 * 1024}`]);
    const bySessid = new ExchangeClient(baseUrl, login, password);
    const answer = await bySessid.request(`type=catalog&mode=init&sessid=${client.sessid}`);
    expect(answer.status).toBe('zip=yes');
  });

  it('appends chunks, keeps base names of Windows paths and import_files paths, refuses traversal', async () => {
    const client = new ExchangeClient(baseUrl, login, password);
    await client.checkauth();
    await client.init();
    expect((await client.upload('C:\\Temp\\v8_8789_c.xml', Buffer.from('abcdefghij'), 3)).status).toBe(
      'success',
    );
    expect((await client.upload('import_files\\ab\\pic.jpg', Buffer.from('jpg'))).status).toBe('success');
    const traversal = await client.upload('../../etc/passwd', Buffer.from('x'));
    expect(traversal).toMatchObject({ status: 'failure', lines: ['bad filename'] });
    expect((await client.upload('import_files/../../x.xml', Buffer.from('x'))).status).toBe('failure');
    const sessions = join(t.app.kabinet.config.dataDir, 'exchange1c');
    const [dir] = readdirSync(sessions).filter((d) =>
      existsSync(join(sessionDir(t.app.kabinet.config.dataDir, d), 'v8_8789_c.xml')),
    );
    expect(dir).toBeDefined();
    const base = sessionDir(t.app.kabinet.config.dataDir, dir as string);
    expect(readdirSync(base).sort()).toEqual(['import_files', 'v8_8789_c.xml']);
    expect(existsSync(join(base, 'import_files/ab/pic.jpg'))).toBe(true);
    // init clears what was uploaded.
    await client.init();
    expect(readdirSync(base)).toEqual([]);
  });

  it('answers failure for a body over file_limit, an unknown file, and an unknown type', async () => {
    const client = new ExchangeClient(baseUrl, login, password);
    await client.checkauth();
    await client.init();
    const big = await client.upload('import.xml', Buffer.alloc(64 * 1024 + 1, 32), 64 * 1024 + 1);
    expect(big.status).toBe('failure');
    expect(big.lines[0]).toMatch(/file_limit/);
    expect(await client.import('nothing.xml')).toMatchObject({ status: 'failure' });
    const unknown = await client.request('type=reference&mode=checkauth', { auth: true });
    expect(unknown).toMatchObject({ status: 'failure', lines: ['unknown type'] });
    // type=sale is the orders exchange (exchange1c.sale.test.ts).
    const sale = await client.request('type=sale&mode=checkauth', { auth: true });
    expect(sale.status).toBe('success');
  });

  it('answers success to complete, deactivate and unknown modes', async () => {
    const client = new ExchangeClient(baseUrl, login, password);
    await client.checkauth();
    for (const mode of ['complete', 'deactivate', 'whatever']) {
      expect((await client.request(`type=catalog&mode=${mode}`)).status).toBe('success');
    }
  });
});

describe('back office: integration accounts and the exchange log', () => {
  const admin = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/admin/integrations/1c${url}`,
      headers: { cookie: await t.operator(), origin: 'http://localhost:3000' },
      payload,
    });

  it('needs a signed-in staff member', async () => {
    expect((await t.app.inject({ url: '/api/v1/admin/integrations/1c/accounts' })).statusCode).toBe(401);
  });

  it('creates an account whose password is shown once, signs 1C in with it, logs the session, and revokes it', async () => {
    const settings = await admin('GET', '');
    expect(settings.json()).toMatchObject({ url: 'http://localhost:3000/api/1c/exchange', envLogin: login });
    const created = await admin('POST', '/accounts', { login: 'ut11-shop', name: 'УТ 11' });
    expect(created.statusCode).toBe(201);
    const { account, password: generated } = created.json();
    expect(generated).toMatch(/^[\w-]{20,}$/);
    expect((await admin('POST', '/accounts', { login: 'ut11-shop' })).statusCode).toBe(409);
    const list = (await admin('GET', '/accounts')).json();
    expect(list.items.map((a: { login: string }) => a.login)).toContain('ut11-shop');
    expect(JSON.stringify(list)).not.toContain(generated);

    const client = new ExchangeClient(baseUrl, 'ut11-shop', generated);
    expect((await client.checkauth()).status).toBe('success');
    expect((await client.init()).status).toBe('zip=yes');
    const log = (await admin('GET', '/log?limit=5')).json();
    expect(log.items[0]).toMatchObject({ login: 'ut11-shop', type: 'catalog', result: 'open' });

    expect((await admin('POST', `/accounts/${account.id}/revoke`)).json().revokedAt).not.toBeNull();
    expect((await client.request('type=catalog&mode=init')).status).toBe('failure');
    expect((await new ExchangeClient(baseUrl, 'ut11-shop', generated).checkauth()).status).toBe('failure');
  });
});
