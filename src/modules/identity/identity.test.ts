import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.js';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { personalDataConsentVersion } from '../../shared/consent.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { findPersonByEmail } from '../people/people.service.js';

const origin = 'http://localhost:3000';
const demoPassword = 'demo-password-for-tests';
let t: TestApp;
let operator: string;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: origin, password: demoPassword });
  operator = await t.operator();
});
afterAll(async () => t?.close());

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload, headers: { origin, ...(cookie ? { cookie } : {}) } });

const signUp = (payload: { name: string; email: string; password: string }) =>
  post('/api/v1/auth/sign-up/email', { ...payload, consentVersion: personalDataConsentVersion });

/** Signs in by e-mail and password; returns the session cookie header or the failed response. */
async function signIn(email: string, password: string) {
  const res = await post('/api/v1/auth/sign-in/email', { email, password });
  const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
  return { res, cookie: cookie ? `${cookie.name}=${cookie.value}` : undefined };
}

async function latestMailTo(to: string) {
  await t.drainJobs();
  const list = await t.app.inject({
    url: `/api/v1/admin/dev-mailbox?to=${to}`,
    headers: { cookie: operator },
  });
  const first = list.json().items[0];
  if (!first) return undefined;
  return (
    await t.app.inject({ url: `/api/v1/admin/dev-mailbox/${first.id}`, headers: { cookie: operator } })
  ).json();
}

describe('sign-up, e-mail verification and sign-in', () => {
  it('signs up, verifies the address from the mail, and lands signed in', async () => {
    const email = 'new.customer@example.ru';
    const signedUp = await signUp({
      name: 'Мария Новикова',
      email,
      password: 'correct-horse-battery',
    });
    expect(signedUp.statusCode).toBe(200);

    const blocked = await signIn(email, 'correct-horse-battery');
    expect(blocked.res.statusCode).toBe(403);
    expect(blocked.cookie).toBeUndefined();

    const mail = await latestMailTo(email);
    expect(mail.subject).toBe('Подтвердите адрес электронной почты');
    const link = /https?:\/\/\S+verify-email\S+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const verified = await t.app.inject({
      url: new URL(link as string).pathname + new URL(link as string).search,
    });
    expect(verified.statusCode).toBeLessThan(400);

    const { cookie } = await signIn(email, 'correct-horse-battery');
    expect(cookie).toBeDefined();
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email, name: 'Мария Новикова', kind: 'person' },
      permissions: [],
      contexts: { personal: true, companies: [], employee: false, backOffice: false },
    });
  });

  it('does not reveal whether an e-mail is already registered', async () => {
    const fresh = await signUp({
      name: 'A',
      email: 'fresh.person@example.ru',
      password: 'another-long-password',
    });
    const taken = await signUp({
      name: 'B',
      email: demoPeople.customer.email,
      password: 'another-long-password',
    });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(taken.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
  });

  it('requires consent to personal-data processing and records its version and time', async () => {
    const without = await post('/api/v1/auth/sign-up/email', {
      name: 'E',
      email: 'no.consent@example.ru',
      password: 'a-long-enough-password',
    });
    expect(without.statusCode).toBe(400);
    const outdated = await post('/api/v1/auth/sign-up/email', {
      name: 'E',
      email: 'no.consent@example.ru',
      password: 'a-long-enough-password',
      consentVersion: '2000-01-01',
    });
    expect(outdated.statusCode).toBe(400);
    expect(await findPersonByEmail(t.db, 'no.consent@example.ru')).toBeNull();
    const given = await signUp({
      name: 'E',
      email: 'consent@example.ru',
      password: 'a-long-enough-password',
    });
    expect(given.statusCode).toBe(200);
    const person = await findPersonByEmail(t.db, 'consent@example.ru');
    expect(person?.consentVersion).toBe(personalDataConsentVersion);
    expect(person?.consentAt).toBeInstanceOf(Date);
  });

  it('rejects a password from the common-passwords list with 400', async () => {
    const res = await signUp({
      name: 'D',
      email: 'common@example.ru',
      password: 'qwertyuiop',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PASSWORD_TOO_COMMON');
  });

  it('rejects a short password with 400', async () => {
    const res = await signUp({
      name: 'C',
      email: 'short@example.ru',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const wrongPassword = await signIn(demoPeople.customer.email, 'not-the-password');
    const unknownEmail = await signIn('nobody@example.ru', 'not-the-password');
    expect(wrongPassword.res.statusCode).toBe(401);
    expect(unknownEmail.res.statusCode).toBe(401);
    expect(wrongPassword.res.json().message).toBe(unknownEmail.res.json().message);
  });

  it('signs a demo person in with the demo password and out again', async () => {
    const { cookie } = await signIn(demoPeople.customer.email, demoPassword);
    expect(cookie).toBeDefined();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await post('/api/v1/auth/sign-out', {}, cookie);
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sets httpOnly, SameSite=Lax session cookies', async () => {
    const { res } = await signIn(demoPeople.customer.email, demoPassword);
    const session = res.cookies.find((c) => c.name.endsWith('session_token'));
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });
});

describe('password reset and sessions', () => {
  it('resets a password by an e-mailed link that works once', async () => {
    const email = demoPeople.employee.email;
    const asked = await post('/api/v1/auth/request-password-reset', { email, redirectTo: '/reset-password' });
    expect(asked.statusCode).toBe(200);
    const mail = await latestMailTo(email);
    expect(mail.subject).toBe('Сброс пароля');
    const link = /https?:\/\/\S+reset-password\S+/.exec(mail.text)?.[0] as string;
    const opened = await t.app.inject({ url: new URL(link).pathname + new URL(link).search });
    const token = new URL(String(opened.headers.location), origin).searchParams.get('token');
    expect(token).toBeTruthy();
    const reset = await post('/api/v1/auth/reset-password', { newPassword: 'a-brand-new-password', token });
    expect(reset.statusCode).toBe(200);
    const again = await post('/api/v1/auth/reset-password', { newPassword: 'yet-another-password', token });
    expect(again.statusCode).toBe(400);
    expect((await signIn(email, 'a-brand-new-password')).cookie).toBeDefined();
    expect((await signIn(email, demoPassword)).res.statusCode).toBe(401);
  });

  it('lists my sessions and ends one of them', async () => {
    const first = await signIn(demoPeople.supplier.email, demoPassword);
    const second = await signIn(demoPeople.supplier.email, demoPassword);
    const list = await t.app.inject({
      url: '/api/v1/auth/list-sessions',
      headers: { cookie: second.cookie, origin },
    });
    expect(list.statusCode).toBe(200);
    const sessions = list.json() as { token: string; ipAddress: string | null }[];
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const firstToken = decodeURIComponent(String(first.cookie).split('=')[1] ?? '').split('.')[0];
    const revoke = await post('/api/v1/auth/revoke-session', { token: firstToken }, second.cookie);
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: second.cookie } })).statusCode).toBe(
      200,
    );
  });
});

describe('contexts and company scope', () => {
  const companyIds = async (cookie: string) => {
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    return Object.fromEntries(me.contexts.companies.map((c: { name: string; id: string }) => [c.name, c.id]));
  };

  it('lists every context of a person in two companies', async () => {
    const { cookie } = await signIn(demoPeople.buyer.email, demoPassword);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.contexts.companies.map((c: { name: string; role: string }) => [c.name, c.role])).toEqual([
      [demoCompanies.dealer.name, 'buyer'],
      [demoCompanies.client.name, 'viewer'],
    ]);
  });

  it('gives staff their back-office permissions', async () => {
    const { cookie } = await signIn(demoPeople.admin.email, demoPassword);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.contexts.backOffice).toBe(true);
    expect(me.permissions).toContain('devMailbox.read');
    expect((await t.app.inject({ url: '/api/v1/admin/dev-mailbox', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const customer = await signIn(demoPeople.customer.email, demoPassword);
    const denied = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox',
      headers: { cookie: customer.cookie },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('shows a member their company and its members, by role', async () => {
    const { cookie } = await signIn(demoPeople.buyer.email, demoPassword);
    const ids = await companyIds(cookie as string);
    const dealer = await t.app.inject({
      url: `/api/v1/orgs/${ids[demoCompanies.dealer.name]}`,
      headers: { cookie },
    });
    expect(dealer.statusCode).toBe(200);
    expect(dealer.json()).toMatchObject({ inn: demoCompanies.dealer.inn, myRole: 'buyer' });
    const members = await t.app.inject({
      url: `/api/v1/orgs/${ids[demoCompanies.dealer.name]}/members`,
      headers: { cookie },
    });
    expect(members.json().items.map((m: { email: string }) => m.email)).toContain(demoPeople.buyer.email);
    // A viewer may see the company but not its member list.
    const asViewer = await t.app.inject({
      url: `/api/v1/orgs/${ids[demoCompanies.client.name]}/members`,
      headers: { cookie },
    });
    expect(asViewer.statusCode).toBe(403);
  });

  it('declares access on every API route', () => {
    const undeclared = t.app.kabinet.routes.filter((r) => !r.access);
    expect(undeclared).toEqual([]);
    expect(t.app.kabinet.routes.length).toBeGreaterThan(8);
  });
});

describe('auth tables', () => {
  it('have every column Better Auth expects for its models', async () => {
    const { getAuthTables } = await import('better-auth/db');
    const { getTableColumns } = await import('drizzle-orm');
    const schema = await import('../../db/schema.js');
    const ours = {
      user: schema.users,
      session: schema.sessions,
      account: schema.accounts,
      verification: schema.verifications,
      twoFactor: schema.twoFactors,
    };
    const expected = getAuthTables(t.app.kabinet.auth.options);
    const missing: string[] = [];
    for (const [model, table] of Object.entries(ours)) {
      const columns = Object.keys(getTableColumns(table));
      for (const [field, definition] of Object.entries(expected[model]?.fields ?? {})) {
        // A plugin field may be mapped onto a column of another name (phoneNumber → users.phone).
        const column = definition.fieldName ?? field;
        if (!columns.includes(column)) missing.push(`${model}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
