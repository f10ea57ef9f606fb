import { seedDemo } from '../../db/seed/demo.js';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { buildTestApp, type TestApp, testOrigin } from '../../test/app.js';

export const demoPassword = 'demo-password-for-tests';
export const origin = testOrigin;

/** A test app with the demo business seeded, and helpers to act as its people. */
export async function companiesTestApp() {
  const t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: origin, password: demoPassword });
  const operator = await t.operator();

  async function cookieOf(email: string, password = demoPassword) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email, password },
      headers: { origin },
    });
    const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
    if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
    return `${cookie.name}=${cookie.value}`;
  }

  /** Sends a request as the cookie's owner (writes carry the portal's Origin). */
  const as =
    (cookie: string | undefined) =>
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: { origin, ...(cookie ? { cookie } : {}) },
      });

  /** Company ids by demo key, read through /me of a member. */
  async function companyIdOf(cookie: string, name: string): Promise<string> {
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    const found = me.contexts.companies.find((c: { name: string }) => c.name === name);
    if (!found) throw new Error(`not a member of ${name}`);
    return found.id;
  }

  /** The newest dev-mailbox message to an address (after running queued jobs). */
  async function latestMailTo(to: string) {
    await t.drainJobs();
    const list = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?to=${encodeURIComponent(to)}`,
      headers: { cookie: operator },
    });
    const first = list.json().items[0];
    if (!first) return undefined;
    return (
      await t.app.inject({ url: `/api/v1/admin/dev-mailbox/${first.id}`, headers: { cookie: operator } })
    ).json() as { subject: string; text: string };
  }

  /** The invitation token from the newest invitation mail to an address. */
  async function invitationToken(to: string): Promise<string> {
    const mail = await latestMailTo(to);
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no invitation mail to ${to}`);
    return token;
  }

  return { t, operator, cookieOf, as, companyIdOf, latestMailTo, invitationToken };
}

export type CompaniesTestApp = Awaited<ReturnType<typeof companiesTestApp>>;
export type { TestApp };
export { demoCompanies, demoPeople };
