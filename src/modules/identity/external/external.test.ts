import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataConsentVersion } from '../../../shared/consent.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import {
  freePort,
  type OidcTestProvider,
  startOidcProvider,
  TestBrowser,
} from '../../../test/oidc-provider.js';
import { listAudit } from '../../audit/audit.service.js';
import { users } from '../../people/people.tables.js';
import { accounts } from '../identity.tables.js';
import { passkeys } from './passkeys.tables.js';

let t: TestApp;
let provider: OidcTestProvider;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  provider = await startOidcProvider({ redirectUris: [`${origin}/api/v1/auth/callback/oidc`] });
  t = await buildTestApp({
    publicUrl: origin,
    externalProviders: {
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        name: 'Test ID',
      },
    },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** Starts sign-in with the test provider as the sign-in page does; returns the provider's URL. */
async function startSignIn(browser: TestBrowser, additionalData?: Record<string, string>) {
  const res = await browser.request(`${origin}/api/v1/auth/sign-in/social`, {
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify({
      provider: 'oidc',
      callbackURL: '/',
      errorCallbackURL: '/sign-in',
      disableRedirect: true,
      ...(additionalData ? { additionalData } : {}),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const { url } = (await res.json()) as { url: string };
  expect(url.startsWith(provider.issuer)).toBe(true);
  return url;
}

const withConsent = { consentVersion: personalDataConsentVersion, locale: 'en' };

async function me(browser: TestBrowser) {
  const res = await fetch(`${origin}/api/v1/me`, { headers: { cookie: browser.cookieHeader(origin) } });
  return { status: res.status, body: (await res.json()) as { user: { id: string; email: string } } };
}

describe('sign-in through an OpenID Connect provider', () => {
  it('lists the configured provider on the sign-in page', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/sign-in-options' });
    expect(res.json().providers).toEqual([{ id: 'oidc', name: 'Test ID' }]);
  });

  it('asks a new person for consent and creates nobody without it', async () => {
    const browser = new TestBrowser(origin);
    const page = await browser.signInAtProvider(await startSignIn(browser), 'alice');
    const landed = new URL(page.url);
    expect(landed.pathname).toBe('/sign-in');
    expect(landed.searchParams.get('error')).toBe('CONSENT_REQUIRED');
    expect((await me(browser)).status).toBe(401);
    const created = await t.db.select().from(users).where(eq(users.email, 'alice@oidc.example.test'));
    expect(created).toEqual([]);
  });

  it('creates the person with consent, signs them in, and signs the same person in again', async () => {
    const browser = new TestBrowser(origin);
    const page = await browser.signInAtProvider(await startSignIn(browser, withConsent), 'alice');
    expect(new URL(page.url).pathname).toBe('/');
    const first = await me(browser);
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe('alice@oidc.example.test');

    const [person] = await t.db.select().from(users).where(eq(users.id, first.body.user.id));
    expect(person).toMatchObject({
      name: 'Алиса Иванова',
      emailVerified: true,
      consentVersion: personalDataConsentVersion,
      locale: 'en',
    });
    expect(person?.consentAt).toBeInstanceOf(Date);

    // A second sign-in (a new browser, so the provider asks again) lands on the same person.
    const again = new TestBrowser(origin);
    await again.signInAtProvider(await startSignIn(again), 'alice');
    const second = await me(again);
    expect(second.body.user.id).toBe(first.body.user.id);
    const linked = await t.db.select().from(accounts).where(eq(accounts.userId, first.body.user.id));
    expect(linked.map((a) => a.providerId)).toEqual(['oidc']);

    const audit = await listAudit(t.db, { limit: 10, action: 'auth.sign_in' });
    expect(audit.items.filter((a) => a.actorId === first.body.user.id)).toHaveLength(2);
  });

  it('links a verified provider e-mail to the person with the same confirmed address', async () => {
    const email = 'alice.linked@oidc.example.test';
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up/email',
      headers: { origin },
      payload: {
        name: 'Алиса',
        email,
        password: 'correct-horse-battery',
        consentVersion: personalDataConsentVersion,
      },
    });
    expect(signUp.statusCode).toBe(200);
    await t.db.update(users).set({ emailVerified: true }).where(eq(users.email, email));
    const [local] = await t.db.select().from(users).where(eq(users.email, email));

    provider.accounts.push({ sub: 'alice-2', email, emailVerified: true, name: 'Alice' });
    const browser = new TestBrowser(origin);
    await browser.signInAtProvider(await startSignIn(browser), 'alice-2');
    expect((await me(browser)).body.user.id).toBe(local?.id);
    const linked = await t.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.userId, local?.id as string), eq(accounts.providerId, 'oidc')));
    expect(linked).toHaveLength(1);
  });

  it('does not link an unverified provider e-mail to an existing person', async () => {
    const email = 'bob.taken@oidc.example.test';
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up/email',
      headers: { origin },
      payload: {
        name: 'Боб',
        email,
        password: 'correct-horse-battery',
        consentVersion: personalDataConsentVersion,
      },
    });
    await t.db.update(users).set({ emailVerified: true }).where(eq(users.email, email));
    provider.accounts.push({ sub: 'bob-2', email, emailVerified: false, name: 'Bob' });
    const browser = new TestBrowser(origin);
    const page = await browser.signInAtProvider(await startSignIn(browser, withConsent), 'bob-2');
    expect(new URL(page.url).searchParams.get('error')).toBe('account_not_linked');
    expect((await me(browser)).status).toBe(401);
  });
});

describe('external accounts and passkeys of the signed-in person', () => {
  async function signInAs(login: string) {
    const browser = new TestBrowser(origin);
    await browser.signInAtProvider(await startSignIn(browser, withConsent), login);
    const who = await me(browser);
    expect(who.status).toBe(200);
    return { browser, userId: who.body.user.id, cookie: browser.cookieHeader(origin) };
  }

  const addPasskey = async (userId: string, id: string) => {
    await t.db.insert(passkeys).values({
      id,
      name: null,
      publicKey: 'test-public-key',
      userId,
      credentialID: `credential-${id}`,
      counter: 0,
      deviceType: 'singleDevice',
      backedUp: false,
    });
  };

  it('refuses to remove the last way to sign in, and removes the others', async () => {
    provider.accounts.push({
      sub: 'carol',
      email: 'carol@oidc.example.test',
      emailVerified: true,
      name: 'Carol',
    });
    const { userId, cookie } = await signInAs('carol');
    const headers = { cookie, origin };

    const list = await t.app.inject({ url: '/api/v1/me/external-accounts', headers });
    expect(list.json().items).toMatchObject([{ provider: 'oidc' }]);
    const accountId = list.json().items[0].id as string;
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/external-accounts/${accountId}`,
      headers,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('LAST_SIGN_IN_METHOD');

    await addPasskey(userId, `pk-${userId}`);
    const passkeyList = await t.app.inject({ url: '/api/v1/me/passkeys', headers });
    expect(passkeyList.json().items).toMatchObject([{ id: `pk-${userId}`, name: null }]);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/me/passkeys/pk-${userId}`,
      headers,
      payload: { name: 'Телефон' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Телефон');

    // With a passkey, the external account is no longer the only way in.
    const unlinked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/external-accounts/${accountId}`,
      headers,
    });
    expect(unlinked.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me/external-accounts', headers })).json().items).toEqual([]);
    // …and now the passkey is.
    // Better Auth's own passkey endpoints would skip that rule: they are closed.
    const bypass = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/delete-passkey',
      headers,
      payload: { id: `pk-${userId}` },
    });
    expect(bypass.statusCode).toBe(404);
    const last = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/pk-${userId}`, headers });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('LAST_SIGN_IN_METHOD');

    const audit = await listAudit(t.db, { limit: 20, actorId: userId });
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.account_unlinked', 'passkey.renamed']),
    );
  });

  it("does not show or touch another person's passkeys", async () => {
    provider.accounts.push({
      sub: 'dave',
      email: 'dave@oidc.example.test',
      emailVerified: true,
      name: 'Dave',
    });
    provider.accounts.push({
      sub: 'erin',
      email: 'erin@oidc.example.test',
      emailVerified: true,
      name: 'Erin',
    });
    const dave = await signInAs('dave');
    const erin = await signInAs('erin');
    await addPasskey(dave.userId, `pk-${dave.userId}`);
    await addPasskey(dave.userId, `pk2-${dave.userId}`);
    const headers = { cookie: erin.cookie, origin };
    expect((await t.app.inject({ url: '/api/v1/me/passkeys', headers })).json().items).toEqual([]);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/me/passkeys/pk-${dave.userId}`,
      headers,
      payload: { name: 'mine' },
    });
    expect(rename.statusCode).toBe(404);
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/passkeys/pk-${dave.userId}`,
      headers,
    });
    expect(remove.statusCode).toBe(404);
    const own = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/passkeys/pk-${dave.userId}`,
      headers: { cookie: dave.cookie, origin },
    });
    expect(own.statusCode).toBe(204);
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ url: '/api/v1/me/passkeys' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me/external-accounts' })).statusCode).toBe(401);
  });
});

describe('switching external sign-in and passkeys off', () => {
  it('refuses provider sign-in, callbacks, linking and passkey endpoints while off', async () => {
    const operator = await t.operator();
    const put = (body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/settings/sign-in-methods',
        headers: { cookie: operator, origin },
        payload: body,
      });
    const allOn = { password: true, phoneCode: true, magicLink: true, passkey: true, external: true };
    const browser = new TestBrowser(origin);
    const url = await startSignIn(browser, withConsent);
    expect((await put({ ...allOn, external: false, passkey: false })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/public/sign-in-options' })).json().providers).toEqual([]);
    const refused = await browser.request(`${origin}/api/v1/auth/sign-in/social`, {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ provider: 'oidc', callbackURL: '/' }),
    });
    expect(refused.status).toBe(403);
    // A flow started before the switch cannot finish either: the callback is refused.
    const page = await browser.signInAtProvider(url, 'alice');
    expect(page.response.status).toBe(403);
    expect((await me(browser)).status).toBe(401);
    for (const path of [
      '/passkey/generate-authenticate-options',
      '/passkey/generate-register-options',
      '/link-social',
    ]) {
      const res = await t.app.inject({
        url: `/api/v1/auth${path}`,
        method: path === '/link-social' ? 'POST' : 'GET',
        headers: { origin },
        payload: path === '/link-social' ? {} : undefined,
      });
      expect(res.statusCode, path).toBe(403);
    }
    expect((await put(allOn)).statusCode).toBe(200);
  });
});

describe('passkeys table', () => {
  it('has every column Better Auth’s passkey plugin expects', async () => {
    const { getAuthTables } = await import('better-auth/db');
    const { getTableColumns } = await import('drizzle-orm');
    const expected = Object.keys(getAuthTables(t.app.kabinet.auth.options).passkey?.fields ?? {});
    expect(expected.length).toBeGreaterThan(5);
    const columns = Object.keys(getTableColumns(passkeys));
    expect(expected.filter((field) => !columns.includes(field))).toEqual([]);
  });
});
