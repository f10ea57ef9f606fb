import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.js';
import { demoPeople } from '../../db/seed/demo-data.js';
import { buildTestApp, type TestApp, testOrigin } from '../../test/app.js';
import { listAudit } from '../audit/audit.service.js';
import { signInMethodOfPath } from './sign-in-methods.js';

const password = 'demo-password-for-tests';
let t: TestApp;
let admin: string;

const signIn = (email: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email, password },
    headers: { origin: testOrigin },
  });

const put = (payload: object, cookie = admin) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/settings/sign-in-methods',
    payload,
    headers: { cookie, origin: testOrigin },
  });

const allOn = { password: true, phoneCode: true, magicLink: true, passkey: true, external: true };

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: testOrigin, password });
  const res = await signIn(demoPeople.admin.email);
  admin = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
});
afterAll(async () => t?.close());

describe('sign-in methods switched in settings', () => {
  it('are all on by default and public', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/sign-in-options' });
    expect(res.statusCode).toBe(200);
    expect(res.json().methods).toEqual(allOn);
  });

  it('refuse a switched-off method at its endpoint, and work again once it is on', async () => {
    expect((await put({ ...allOn, password: false })).statusCode).toBe(200);
    const refused = await signIn(demoPeople.customer.email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('SIGN_IN_METHOD_DISABLED');
    expect((await t.app.inject({ url: '/api/v1/public/sign-in-options' })).json().methods.password).toBe(
      false,
    );
    // A session made before the switch still works; only new sign-ins by that method are refused.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: admin } })).statusCode).toBe(200);

    expect((await put(allOn)).statusCode).toBe(200);
    expect((await signIn(demoPeople.customer.email)).statusCode).toBe(200);
    const audit = await listAudit(t.db, { limit: 10, action: 'settings.sign_in_methods' });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[1]?.details).toMatchObject({ after: { password: false } });
  });

  it('keep at least one method on and validate the body', async () => {
    const none = await put({
      password: false,
      phoneCode: false,
      magicLink: false,
      passkey: false,
      external: false,
    });
    expect(none.statusCode).toBe(400);
    // The back-office page shows this detail as it is.
    expect(none.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'At least one sign-in method must stay on',
    });
    expect((await put({ password: 'yes' })).statusCode).toBe(400);
  });

  it('are switched only by staff who manage settings', async () => {
    const customer = (await signIn(demoPeople.customer.email)).cookies
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    expect((await put(allOn, customer)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/admin/settings/sign-in-methods', payload: allOn }))
        .statusCode,
    ).toBe(401);
  });

  it('map auth endpoints to their method', () => {
    expect(signInMethodOfPath('/sign-in/email')).toBe('password');
    expect(signInMethodOfPath('/oauth2/callback/yandex')).toBe('external');
    expect(signInMethodOfPath('/get-session')).toBeNull();
    expect(signInMethodOfPath('/sign-in/email-otp')).toBeNull();
  });
});
