import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.js';
import { demoPeople } from '../../db/seed/demo-data.js';
import { queryRows } from '../../server/core/db.js';
import { buildTestApp, type TestApp } from '../../test/app.js';

const origin = 'http://localhost:3000';
const password = 'demo-password-for-tests';
let t: TestApp;
let operator: string;

beforeAll(async () => {
  // Default policy: 5 failures, 15 minutes (the tests move the clock rather than wait).
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: origin, password });
  operator = await t.operator();
});
afterAll(async () => t?.close());

/**
 * Moves the throttle's clock past every lock (as if the cooldown had passed), so a slow machine cannot
 * outlast a short lock in the middle of a test and no test sleeps.
 */
async function passCooldown(app: TestApp) {
  await queryRows(
    app.db,
    sql`update auth_throttle set locked_until = now() - interval '1 second', last_failure_at = now() - interval '1 day' where locked_until is not null`,
  );
}

const signIn = (email: string, pass: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email, password: pass },
    headers: { origin },
  });

describe('brute-force protection', () => {
  it('throttles an address after repeated wrong passwords, tells the owner, and lets the right password in after the cooldown', async () => {
    const email = demoPeople.customer.email;
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await signIn(email, `wrong-password-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);

    const locked = await signIn(email, password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });

    await t.drainJobs();
    const mail = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?to=${email}`,
      headers: { cookie: operator },
    });
    expect(mail.json().items.map((m: { subject: string }) => m.subject)).toContain(
      'Вход в аккаунт временно заблокирован',
    );

    await passCooldown(t);
    const after = await signIn(email, password);
    expect(after.statusCode).toBe(200);
    // Success clears the count: one new mistake does not lock again.
    expect((await signIn(email, 'wrong-again')).statusCode).toBe(401);
    expect((await signIn(email, password)).statusCode).toBe(200);
  });

  it('throttles unknown addresses the same way, so the answer reveals nothing', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await signIn('ghost@example.ru', 'whatever-password')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('records sign-ins, failures and locks in the append-only audit log', async () => {
    const log = await t.app.inject({ url: '/api/v1/admin/audit?limit=100', headers: { cookie: operator } });
    expect(log.statusCode).toBe(200);
    const actions = log.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.sign_in',
        'auth.sign_in_failed',
        'auth.locked',
        'auth.sign_in_throttled',
      ]),
    );
    const failed = await t.app.inject({
      url: '/api/v1/admin/audit?action=auth.locked',
      headers: { cookie: operator },
    });
    expect(
      failed
        .json()
        .items.map((e: { subject: string }) => e.subject)
        .sort(),
    ).toEqual([demoPeople.customer.email, 'ghost@example.ru'].sort());
    const failureOf = (query: Promise<unknown>) =>
      query.then(
        () => 'succeeded',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(await failureOf(queryRows(t.db, sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await failureOf(queryRows(t.db, sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
  });

  it('keeps the audit log from people without the permission', async () => {
    const customer = await signIn(demoPeople.customer.email, password);
    const cookie = customer.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.app.inject({ url: '/api/v1/admin/audit', headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/admin/audit' })).statusCode).toBe(401);
  });
});

describe('limits per IP address and on one-time codes and mail senders', () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await buildTestApp({
      authMaxFailuresPerIp: 4,
      authMaxCodeFailures: 3,
      authMaxSends: 2,
    });
    await seedDemo(s.db, { publicUrl: origin, password });
  });
  afterAll(async () => s?.close());

  const post = (url: string, payload: object, remoteAddress: string) =>
    s.app.inject({ method: 'POST', url, payload, headers: { origin }, remoteAddress });

  it('locks an IP address out after wrong passwords for many accounts', async () => {
    const ip = '203.0.113.10';
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await post(
            '/api/v1/auth/sign-in/email',
            { email: `guess${i}@example.ru`, password: 'x'.repeat(12) },
            ip,
          )
        ).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401]);
    // Even the right password of a real account waits: the lock is on the address, not the account.
    const locked = await post(
      '/api/v1/auth/sign-in/email',
      { email: demoPeople.customer.email, password },
      ip,
    );
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect(
      (
        await post(
          '/api/v1/auth/sign-in/email',
          { email: demoPeople.customer.email, password },
          '203.0.113.11',
        )
      ).statusCode,
    ).toBe(200);
    await passCooldown(s);
    expect(
      (await post('/api/v1/auth/sign-in/email', { email: demoPeople.customer.email, password }, ip))
        .statusCode,
    ).toBe(200);
  });

  it('limits password-reset requests per address, the same for unknown addresses', async () => {
    const ask = (email: string, ip: string) =>
      post('/api/v1/auth/request-password-reset', { email, redirectTo: '/reset-password' }, ip);
    for (const email of [demoPeople.supplier.email, 'nobody@example.ru']) {
      const codes = [
        (await ask(email, '198.51.100.1')).statusCode,
        (await ask(email, '198.51.100.2')).statusCode,
        (await ask(email, '198.51.100.3')).statusCode,
      ];
      expect(codes).toEqual([200, 200, 429]);
    }
    // One address asking for many mailboxes hits the per-IP limit.
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await ask(`someone${i}@example.ru`, '198.51.100.9')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 429]);
  });

  it('limits wrong one-time codes per IP address and per phone number', async () => {
    const ip = '192.0.2.50';
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await post('/api/v1/auth/two-factor/verify-totp', { code: '123456' }, ip)).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const backup = await post('/api/v1/auth/two-factor/verify-backup-code', { code: 'abcde-fghij' }, ip);
    expect(backup.statusCode).toBe(429);
    expect(backup.headers['retry-after']).toBeDefined();

    // SMS codes for one phone from different addresses (the phone sign-in plugin answers these paths).
    const phone = { phoneNumber: '+79990000099', code: '000000' };
    const phoneCodes: number[] = [];
    for (let i = 0; i < 4; i++) {
      phoneCodes.push(
        (await post('/api/v1/auth/phone-number/verify', phone, `192.0.2.${60 + i}`)).statusCode,
      );
    }
    expect(phoneCodes.slice(3)).toEqual([429]);
    expect(phoneCodes.slice(0, 3).every((c) => c >= 400 && c < 429)).toBe(true);
    const log = await s.app.inject({
      url: '/api/v1/admin/audit?action=auth.throttled',
      headers: { cookie: await s.operator() },
    });
    expect(log.json().items.length).toBeGreaterThanOrEqual(3);
  });
});
