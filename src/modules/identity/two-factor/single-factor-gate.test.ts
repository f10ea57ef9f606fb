import { and, desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.js';
import { demoPeople } from '../../../db/seed/demo-data.js';
import { buildTestApp, type TestApp, testOrigin } from '../../../test/app.js';
import { listAudit } from '../../audit/audit.service.js';
import { devMailbox } from '../../devmail/devmail.tables.js';
import { users } from '../../people/people.tables.js';
import { devSms } from '../../sms/sms.tables.js';
import { sessions } from '../identity.tables.js';

const password = 'demo-password-for-tests';
let t: TestApp;

const post = (path: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/auth${path}`, payload, headers: { origin: testOrigin } });

async function withTwoFactor(email: string, on: boolean) {
  await t.db.update(users).set({ twoFactorEnabled: on }).where(eq(users.email, email));
}

async function sessionsOf(email: string) {
  const [person] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return t.db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, person?.id ?? ''));
}

async function magicLinkPath(email: string): Promise<string> {
  expect((await post('/sign-in/magic-link', { email, callbackURL: '/' })).statusCode).toBe(200);
  await t.drainJobs();
  const [mail] = await t.db
    .select()
    .from(devMailbox)
    .where(eq(devMailbox.to, email))
    .orderBy(desc(devMailbox.id))
    .limit(1);
  const url = new URL(mail?.text.match(/https?:\/\/\S+magic-link\/verify\S+/)?.[0] ?? 'http://x/none');
  return url.pathname + url.search;
}

async function phoneCode(phone: string): Promise<string> {
  expect((await post('/phone-number/send-otp', { phoneNumber: phone })).statusCode).toBe(200);
  await t.drainJobs();
  const [sms] = await t.db
    .select()
    .from(devSms)
    .where(and(eq(devSms.to, phone), like(devSms.text, '%')))
    .orderBy(desc(devSms.id))
    .limit(1);
  return sms?.text.match(/\d{6}/)?.[0] ?? '';
}

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: testOrigin, password });
});
afterAll(async () => t?.close());

describe('single-factor sign-in for a person with 2FA on', () => {
  it('refuses the e-mailed link: no session, back to the sign-in page, audited', async () => {
    const email = demoPeople.customer.email;
    await withTwoFactor(email, true);
    const opened = await t.app.inject({ url: await magicLinkPath(email) });
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toBe('/sign-in?error=TWO_FACTOR_USE_PASSWORD');
    expect(opened.cookies.find((c) => c.name.endsWith('session_token'))).toBeUndefined();
    expect(await sessionsOf(email)).toEqual([]);
    const audit = await listAudit(t.db, { limit: 5, action: 'auth.sign_in_refused' });
    expect(audit.items[0]?.details).toMatchObject({ path: '/magic-link/verify' });

    // Without 2FA the same link signs in, so the refusal comes from the second factor alone.
    await withTwoFactor(email, false);
    const allowed = await t.app.inject({ url: await magicLinkPath(email) });
    expect(allowed.statusCode).toBe(302);
    expect(allowed.headers.location).toBe(`${testOrigin}/`);
    expect(await sessionsOf(email)).toHaveLength(1);
  });

  it('refuses the texted code with 403 TWO_FACTOR_USE_PASSWORD and starts no session', async () => {
    const { email, phone } = demoPeople.customer;
    await t.db.delete(sessions);
    await withTwoFactor(email, true);
    const res = await post('/phone-number/verify', { phoneNumber: phone, code: await phoneCode(phone) });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('TWO_FACTOR_USE_PASSWORD');
    expect(res.cookies.find((c) => c.name.endsWith('session_token'))).toBeUndefined();
    expect(await sessionsOf(email)).toEqual([]);
    await withTwoFactor(email, false);
  });
});
