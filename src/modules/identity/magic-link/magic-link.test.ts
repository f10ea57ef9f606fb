import { desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.js';
import { demoPeople } from '../../../db/seed/demo-data.js';
import { buildTestApp, type TestApp, testOrigin } from '../../../test/app.js';
import { listAudit } from '../../audit/audit.service.js';
import { devMailbox } from '../../devmail/devmail.tables.js';
import { verifications } from '../identity.tables.js';

const password = 'demo-password-for-tests';
let t: TestApp;

const requestLink = (email: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/magic-link',
    payload: { email, callbackURL: '/', errorCallbackURL: '/sign-in?magicLink=failed' },
    headers: { origin: testOrigin },
  });

/** The sign-in link in the newest mail to `email`, as a path on the test server. */
async function linkSentTo(email: string): Promise<string> {
  await t.drainJobs();
  const [mail] = await t.db
    .select()
    .from(devMailbox)
    .where(eq(devMailbox.to, email))
    .orderBy(desc(devMailbox.id))
    .limit(1);
  const link = mail?.text.match(/https?:\/\/\S+magic-link\/verify\S+/)?.[0];
  if (!link) throw new Error(`no magic link was mailed to ${email}`);
  const url = new URL(link);
  return url.pathname + url.search;
}

const open = (path: string) => t.app.inject({ url: path });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: testOrigin, password });
});
afterAll(async () => t?.close());

describe('magic link by e-mail', () => {
  it('signs in once, in the person’s language, and is audited', async () => {
    const email = demoPeople.customer.email;
    const res = await requestLink(email);
    expect(res.statusCode).toBe(200);
    const link = await linkSentTo(email);
    const [mail] = await t.db.select().from(devMailbox).where(eq(devMailbox.to, email));
    expect(mail).toMatchObject({ subject: 'Ссылка для входа в Kabinet', template: 'identity.magic-link' });
    expect(mail?.text).toContain('15 минут');

    const first = await open(link);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`${testOrigin}/`);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(first) } });
    expect(me.json().user.email).toBe(email);
    const audit = await listAudit(t.db, { limit: 5, action: 'auth.sign_in' });
    expect(audit.items[0]).toMatchObject({ subject: email, details: { method: 'magicLink' } });

    const second = await open(link);
    expect(second.statusCode).toBe(302);
    expect(second.headers.location).toContain('/sign-in?magicLink=failed&error=INVALID_TOKEN');
    expect(second.cookies.find((c) => c.name.includes('session_token') && c.value)).toBeUndefined();
    const failed = await listAudit(t.db, { limit: 5, action: 'auth.sign_in_failed' });
    expect(failed.items[0]?.details).toMatchObject({ method: 'magicLink', error: 'INVALID_TOKEN' });
  });

  it('expires after 15 minutes', async () => {
    const email = demoPeople.buyer.email;
    await requestLink(email);
    const link = await linkSentTo(email);
    const [stored] = await t.db
      .select()
      .from(verifications)
      .where(like(verifications.identifier, 'magic-link:%'));
    // Tokens are stored hashed: the one in the link is not in the table.
    expect(stored?.identifier).not.toContain(new URLSearchParams(link.split('?')[1]).get('token'));
    const ttl = (stored?.expiresAt.getTime() ?? 0) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    await t.db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(like(verifications.identifier, 'magic-link:%'));
    const res = await open(link);
    expect(res.headers.location).toContain('error=INVALID_TOKEN');
  });

  it('answers the same for an unknown address and mails nothing', async () => {
    const known = await requestLink(demoPeople.employee.email);
    const unknown = await requestLink('nobody@example.ru');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    await t.drainJobs();
    expect(await t.db.select().from(devMailbox).where(eq(devMailbox.to, 'nobody@example.ru'))).toEqual([]);
  });

  it('is refused while the method is switched off', async () => {
    const admin = cookieOf(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in/email',
        payload: { email: demoPeople.admin.email, password },
        headers: { origin: testOrigin },
      }),
    );
    const set = (magicLink: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/settings/sign-in-methods',
        payload: { password: true, phoneCode: true, magicLink, passkey: true, external: true },
        headers: { cookie: admin, origin: testOrigin },
      });
    await requestLink(demoPeople.supplier.email);
    const link = await linkSentTo(demoPeople.supplier.email);
    expect((await set(false)).statusCode).toBe(200);
    const res = await requestLink(demoPeople.supplier.email);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SIGN_IN_METHOD_DISABLED');
    // A link mailed before the switch no longer signs in either.
    expect((await open(link)).statusCode).toBe(403);
    expect((await set(true)).statusCode).toBe(200);
  });
});
