import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.js';
import { demoPeople } from '../../../db/seed/demo-data.js';
import { buildTestApp, type TestApp, testOrigin, testSecrets } from '../../../test/app.js';
import { totpCode } from '../../../test/totp.js';
import { ensurePerson, findPersonByEmail } from '../../people/people.service.js';

const password = 'demo-password-for-tests';
let t: TestApp;
let operator: string;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: testOrigin, password });
  operator = await t.operator();
});
afterAll(async () => t?.close());

/** A browser's cookie jar: keeps what the server sets, drops what it expires. */
class Browser {
  cookies = new Map<string, string>();
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const res = await t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { origin: testOrigin, ...(this.cookies.size ? { cookie: this.header } : {}) },
    });
    for (const c of res.cookies) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  post = (url: string, payload: object = {}) => this.request('POST', url, payload);
  get = (url: string) => this.request('GET', url);
  signIn = (email: string) => this.post('/api/v1/auth/sign-in/email', { email, password });
  signOut = () => this.post('/api/v1/auth/sign-out');
  get signedIn() {
    return this.cookies.has('kabinet.session_token');
  }
}

async function auditActions(action: string) {
  const res = await t.app.inject({
    url: `/api/v1/admin/audit?action=${action}&limit=100`,
    headers: { cookie: operator },
  });
  return res.json().items as { subject: string | null; actorId: string | null; details: object }[];
}

async function mailsTo(to: string) {
  await t.drainJobs();
  const list = await t.app.inject({
    url: `/api/v1/admin/dev-mailbox?to=${to}`,
    headers: { cookie: operator },
  });
  return list.json().items as { id: string; subject: string }[];
}

/** Signs in and switches on TOTP as the profile page does; returns the URI and the backup codes. */
async function enableTotp(browser: Browser, email: string) {
  expect((await browser.signIn(email)).statusCode).toBe(200);
  const enabled = await browser.post('/api/v1/auth/two-factor/enable', { password });
  expect(enabled.statusCode).toBe(200);
  const { totpURI, backupCodes } = enabled.json() as { totpURI: string; backupCodes: string[] };
  const confirmed = await browser.post('/api/v1/auth/two-factor/verify-totp', { code: totpCode(totpURI) });
  expect(confirmed.statusCode).toBe(200);
  return { totpURI, backupCodes };
}

describe('two-factor authentication', () => {
  it('sets up an authenticator app, then asks for its code at sign-in and can trust the device', async () => {
    const email = demoPeople.customer.email;
    const browser = new Browser();
    expect((await browser.signIn(email)).statusCode).toBe(200);
    expect((await browser.get('/api/v1/me/two-factor')).json()).toMatchObject({
      enabled: false,
      required: false,
    });

    expect(
      (await browser.post('/api/v1/auth/two-factor/enable', { password: 'wrong-password' })).statusCode,
    ).toBe(400);
    const enabled = await browser.post('/api/v1/auth/two-factor/enable', { password });
    expect(enabled.statusCode).toBe(200);
    const { totpURI, backupCodes } = enabled.json();
    expect(backupCodes).toHaveLength(10);
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Kabinet:.+secret=[A-Z2-7]+/);
    // Not on until the app's first code proves the secret was scanned.
    expect((await browser.get('/api/v1/me/two-factor')).json().enabled).toBe(false);
    expect((await browser.post('/api/v1/auth/two-factor/verify-totp', { code: '000000' })).statusCode).toBe(
      401,
    );
    const confirmed = await browser.post('/api/v1/auth/two-factor/verify-totp', { code: totpCode(totpURI) });
    expect(confirmed.statusCode).toBe(200);
    expect((await browser.get('/api/v1/me/two-factor')).json()).toMatchObject({
      enabled: true,
      authenticatorApp: true,
      trustDeviceDays: 30,
      hasPassword: true,
    });

    await browser.signOut();
    const first = await browser.signIn(email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp', 'otp'] });
    expect(browser.signedIn).toBe(false);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);

    const wrong = await browser.post('/api/v1/auth/two-factor/verify-totp', { code: '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(browser.signedIn).toBe(false);
    const right = await browser.post('/api/v1/auth/two-factor/verify-totp', {
      code: totpCode(totpURI),
      trustDevice: true,
    });
    expect(right.statusCode).toBe(200);
    expect(browser.signedIn).toBe(true);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);

    // A trusted device signs in with the password alone.
    await browser.signOut();
    const trusted = await browser.signIn(email);
    expect(trusted.json().twoFactorRedirect).toBeUndefined();
    expect(browser.signedIn).toBe(true);
    // Another browser is still asked.
    expect((await new Browser().signIn(email)).json().twoFactorRedirect).toBe(true);

    const person = await findPersonByEmail(t.db, email);
    expect((await auditActions('two_factor.enabled')).map((e) => e.actorId)).toContain(person?.id);
    expect((await auditActions('two_factor.failed')).some((e) => e.subject === person?.id)).toBe(true);
    expect(
      (await auditActions('auth.sign_in')).some(
        (e) => e.actorId === person?.id && (e.details as { secondFactor?: string }).secondFactor === 'totp',
      ),
    ).toBe(true);

    // Turning it off needs the password; then the password alone signs in everywhere.
    expect(
      (await browser.post('/api/v1/auth/two-factor/disable', { password: 'nope-nope-nope' })).statusCode,
    ).toBe(400);
    expect((await browser.post('/api/v1/auth/two-factor/disable', { password })).statusCode).toBe(200);
    expect((await new Browser().signIn(email)).json().twoFactorRedirect).toBeUndefined();
    expect((await auditActions('two_factor.disabled')).map((e) => e.actorId)).toContain(person?.id);
  });

  it('signs in with a backup code once, and regenerated codes replace the old ones', async () => {
    const email = demoPeople.employee.email;
    const setup = new Browser();
    const { backupCodes } = await enableTotp(setup, email);
    const [firstCode, secondCode] = backupCodes as [string, string];

    const browser = new Browser();
    await browser.signIn(email);
    expect(
      (await browser.post('/api/v1/auth/two-factor/verify-backup-code', { code: firstCode })).statusCode,
    ).toBe(200);
    expect(browser.signedIn).toBe(true);

    const again = new Browser();
    await again.signIn(email);
    expect(
      (await again.post('/api/v1/auth/two-factor/verify-backup-code', { code: firstCode })).statusCode,
    ).toBe(401);
    expect(again.signedIn).toBe(false);

    const regenerated = await setup.post('/api/v1/auth/two-factor/generate-backup-codes', { password });
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.json().backupCodes).toHaveLength(10);
    expect(
      (await again.post('/api/v1/auth/two-factor/verify-backup-code', { code: secondCode })).statusCode,
    ).toBe(401);
    const fresh = regenerated.json().backupCodes[0];
    expect((await again.post('/api/v1/auth/two-factor/verify-backup-code', { code: fresh })).statusCode).toBe(
      200,
    );
    expect(again.signedIn).toBe(true);

    const person = await findPersonByEmail(t.db, email);
    expect((await auditActions('two_factor.backup_code_used')).map((e) => e.actorId)).toContain(person?.id);
    expect((await auditActions('two_factor.backup_codes_regenerated')).map((e) => e.actorId)).toContain(
      person?.id,
    );
  });

  it('sends a code by e-mail as the second factor', async () => {
    const email = demoPeople.supplier.email;
    await enableTotp(new Browser(), email);
    const browser = new Browser();
    await browser.signIn(email);
    expect((await browser.post('/api/v1/auth/two-factor/send-otp')).statusCode).toBe(200);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toMatch(/^Код для входа: \d{6}$/);
    const code = /\d{6}/.exec(mail?.subject ?? '')?.[0];
    expect((await browser.post('/api/v1/auth/two-factor/verify-otp', { code: '000000' })).statusCode).toBe(
      401,
    );
    expect((await browser.post('/api/v1/auth/two-factor/verify-otp', { code })).statusCode).toBe(200);
    expect(browser.signedIn).toBe(true);
  });
});

describe('two-factor without a password', () => {
  it('lets a person who has no password (passkey or external sign-in only) manage 2FA without one', async () => {
    const userId = await ensurePerson(t.db, {
      name: 'Без пароля',
      email: 'no.password@example.ru',
      emailVerified: true,
    });
    // A session as a passkey sign-in would leave it: the signed session cookie of a fresh session.
    const { token } = await (await t.app.kabinet.auth.$context).internalAdapter.createSession(userId);
    const signature = createHmac('sha256', testSecrets.sessionSecret).update(token).digest('base64');
    const browser = new Browser();
    browser.cookies.set('kabinet.session_token', encodeURIComponent(`${token}.${signature}`));
    expect((await browser.get('/api/v1/me/two-factor')).json()).toMatchObject({
      enabled: false,
      hasPassword: false,
    });
    const enabled = await browser.post('/api/v1/auth/two-factor/enable', { method: 'totp' });
    expect(enabled.statusCode).toBe(200);
    const confirmed = await browser.post('/api/v1/auth/two-factor/verify-totp', {
      code: totpCode(enabled.json().totpURI),
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await browser.get('/api/v1/me/two-factor')).json().enabled).toBe(true);
  });
});

describe('two-factor policy and staff reset', () => {
  it('only settings managers read and change the policy', async () => {
    const customer = new Browser();
    await customer.signIn(demoPeople.buyer.email);
    expect((await customer.get('/api/v1/admin/settings/two-factor-policy')).statusCode).toBe(403);
    const policy = await t.app.inject({
      url: '/api/v1/admin/settings/two-factor-policy',
      headers: { cookie: operator },
    });
    expect(policy.json()).toEqual({ staff: false, orgRoles: [] });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/two-factor-policy',
      payload: { staff: true, orgRoles: ['emperor'] },
      headers: { cookie: operator, origin: testOrigin },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('holds staff and chosen company roles at 2FA setup until they turn it on', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/two-factor-policy',
      payload: { staff: true, orgRoles: ['buyer'] },
      headers: { cookie: operator, origin: testOrigin },
    });
    expect(saved.statusCode).toBe(200);
    expect((await auditActions('settings.two_factor_policy')).length).toBe(1);

    const admin = new Browser();
    await admin.signIn(demoPeople.admin.email);
    const held = await admin.get('/api/v1/admin/audit');
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe('TWO_FACTOR_REQUIRED');
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/me/two-factor')).json()).toMatchObject({
      enabled: false,
      required: true,
    });

    const buyer = new Browser();
    await buyer.signIn(demoPeople.buyer.email);
    const { contexts } = (await buyer.get('/api/v1/me')).json();
    const orgId = contexts.companies[0].id;
    expect((await buyer.get(`/api/v1/orgs/${orgId}`)).json().code).toBe('TWO_FACTOR_REQUIRED');

    // Someone the policy does not name is not held.
    const other = new Browser();
    await other.signIn(demoPeople.customer.email);
    expect((await other.get('/api/v1/me/two-factor')).json().required).toBe(false);

    // Setting 2FA up releases the hold at once.
    await enableTotp(admin, demoPeople.admin.email);
    expect((await admin.get('/api/v1/admin/audit')).statusCode).toBe(200);
    await enableTotp(buyer, demoPeople.buyer.email);
    expect((await buyer.get(`/api/v1/orgs/${orgId}`)).statusCode).toBe(200);

    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/two-factor-policy',
      payload: { staff: false, orgRoles: [] },
      headers: { cookie: operator, origin: testOrigin },
    });
  });

  it('lets people managers reset a person’s 2FA, audited, with a mail to the person', async () => {
    const email = demoPeople.buyer.email;
    const person = await findPersonByEmail(t.db, email);
    expect(person?.twoFactorEnabled).toBe(true);
    // A browser trusted after an e-mailed code.
    const trusted = new Browser();
    await trusted.signIn(email);
    await trusted.post('/api/v1/auth/two-factor/send-otp');
    const code = /\d{6}/.exec((await mailsTo(email))[0]?.subject ?? '')?.[0];
    expect(
      (await trusted.post('/api/v1/auth/two-factor/verify-otp', { code, trustDevice: true })).statusCode,
    ).toBe(200);

    const customer = new Browser();
    await customer.signIn(demoPeople.customer.email);
    expect((await customer.post(`/api/v1/admin/people/${person?.id}/two-factor/reset`)).statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/people/no-such-person/two-factor/reset',
      headers: { cookie: operator, origin: testOrigin },
    });
    expect(unknown.statusCode).toBe(404);

    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/people/${person?.id}/two-factor/reset`,
      headers: { cookie: operator, origin: testOrigin },
    });
    expect(reset.statusCode).toBe(204);
    expect((await findPersonByEmail(t.db, email))?.twoFactorEnabled).toBe(false);
    const browser = new Browser();
    expect((await browser.signIn(email)).json().twoFactorRedirect).toBeUndefined();
    expect(browser.signedIn).toBe(true);
    expect((await browser.get('/api/v1/me/two-factor')).json()).toMatchObject({
      enabled: false,
      authenticatorApp: false,
    });
    expect((await mailsTo(email)).map((m) => m.subject)).toContain('Двухфакторная аутентификация отключена');
    expect((await auditActions('two_factor.reset')).map((e) => e.subject)).toContain(person?.id);

    // Turned on again, 2FA asks the once-trusted browser too: the reset forgot trusted devices.
    await enableTotp(trusted, email);
    await trusted.signOut();
    expect((await trusted.signIn(email)).json().twoFactorRedirect).toBe(true);
  });
});
