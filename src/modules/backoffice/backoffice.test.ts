import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.js';
import { demoPeople } from '../../db/seed/demo-data.js';
import { permissions as allPermissions, staffRoles } from '../../shared/permissions.js';
import { buildTestApp, type TestApp, testOrigin } from '../../test/app.js';
import { sessions } from '../identity/identity.tables.js';
import { hashPassword, setPasswordHash } from '../identity/passwords.js';
import { blockedMessage } from '../people/backoffice-auth.js';
import { ensurePerson, ensureStaff, findPersonByEmail } from '../people/people.service.js';

const password = 'demo-password-for-tests';
let t: TestApp;
let operator: string;
const ids = {} as Record<'admin' | 'customer' | 'support' | 'manager' | 'buyer', string>;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: testOrigin, password });
  operator = await t.operator();
  for (const key of ['admin', 'customer', 'support', 'buyer'] as const) {
    ids[key] = (await findPersonByEmail(t.db, demoPeople[key].email))?.id as string;
  }
  ids.manager = await ensurePerson(t.db, {
    name: 'Пётр Менеджеров',
    email: 'manager@example.ru',
    emailVerified: true,
  });
  await setPasswordHash(t.db, ids.manager, await hashPassword(password));
  await ensureStaff(t.db, ids.manager, ['manager']);
});
afterAll(async () => t?.close());

async function signIn(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email, password },
    headers: { origin: testOrigin },
  });
  const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
  return { res, cookie: cookie ? `${cookie.name}=${cookie.value}` : '' };
}

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie, origin: testOrigin }, ...(payload ? { payload } : {}) });

/** Merges Set-Cookie answers into a cookie header (the way a browser keeps its jar). */
function jar(cookie: string, res: { cookies: { name: string; value: string; maxAge?: number }[] }) {
  const map = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => c.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  for (const c of res.cookies) {
    if (c.value === '' || c.maxAge === 0) map.delete(c.name);
    else map.set(c.name, c.value);
  }
  return [...map].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function auditActions(query: string) {
  const res = await call('GET', `/api/v1/admin/audit?${query}`, operator);
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    action: string;
    subject: string;
    actorId: string;
    details: Record<string, unknown>;
  }[];
}

describe('staff roles in the database', () => {
  it('lists the built-in roles seeded by the migration', async () => {
    const res = await call('GET', '/api/v1/admin/roles', operator);
    expect(res.statusCode).toBe(200);
    const roles = res.json().items as { key: string; permissions: string[]; builtIn: boolean }[];
    expect(roles.map((r) => r.key).sort()).toEqual(
      ['admin', 'buyer', 'contentEditor', 'hr', 'manager', 'specialist', 'support'].sort(),
    );
    expect(roles.every((r) => r.builtIn)).toBe(true);
    // The migration's seed and the defaults in src/shared/permissions.ts say the same.
    for (const [key, defaults] of Object.entries(staffRoles)) {
      expect(roles.find((r) => r.key === key)?.permissions.sort(), key).toEqual([...defaults].sort());
    }
    expect(roles.find((r) => r.key === 'admin')?.permissions.sort()).toEqual([...allPermissions].sort());
  });

  it('lets an admin edit a role; the holders get the change at their next request', async () => {
    const { cookie: manager } = await signIn('manager@example.ru');
    expect((await call('GET', '/api/v1/admin/audit', manager)).statusCode).toBe(403);
    const { cookie: admin } = await signIn(demoPeople.admin.email);
    const roles = (await call('GET', '/api/v1/admin/roles', admin)).json().items;
    const current = roles.find((r: { key: string }) => r.key === 'manager');
    const saved = await call('PUT', '/api/v1/admin/roles/manager', admin, {
      name: current.name,
      permissions: [...current.permissions, 'audit.read'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().permissions).toContain('audit.read');
    expect((await call('GET', '/api/v1/admin/audit', manager)).statusCode).toBe(200);
    const me = (await call('GET', '/api/v1/me', manager)).json();
    expect(me.permissions).toContain('audit.read');
    expect((await auditActions('action=roles.updated'))[0]).toMatchObject({
      subject: 'manager',
      actorId: ids.admin,
    });
  });

  it('refuses unknown permissions, keeps the admin role whole, and needs roles.manage', async () => {
    const { cookie: admin } = await signIn(demoPeople.admin.email);
    const unknown = await call('PUT', '/api/v1/admin/roles/manager', admin, {
      name: { ru: 'М', en: 'M' },
      permissions: ['world.destroy'],
    });
    expect(unknown.statusCode).toBe(400);
    const adminRole = await call('PUT', '/api/v1/admin/roles/admin', admin, {
      name: { ru: 'Админ', en: 'Admin' },
      permissions: [],
    });
    expect(adminRole.json().permissions.sort()).toEqual([...allPermissions].sort());
    const { cookie: support } = await signIn(demoPeople.support.email);
    const denied = await call('PUT', '/api/v1/admin/roles/support', support, {
      name: { ru: 'S', en: 'S' },
      permissions: [...allPermissions],
    });
    expect(denied.statusCode).toBe(403);
  });

  it('creates a custom role with sections, refuses to delete built-in or held roles', async () => {
    const created = await call('PUT', '/api/v1/admin/roles/auditor', operator, {
      name: { ru: 'Аудитор', en: 'Auditor' },
      permissions: ['audit.read'],
      sections: ['audit'],
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ builtIn: false, sections: ['audit'] });
    expect((await call('DELETE', '/api/v1/admin/roles/support', operator)).statusCode).toBe(409);
    const person = await ensurePerson(t.db, {
      name: 'Аудитор',
      email: 'auditor@example.ru',
      emailVerified: true,
    });
    await setPasswordHash(t.db, person, await hashPassword(password));
    await ensureStaff(t.db, person, ['auditor']);
    const { cookie } = await signIn('auditor@example.ru');
    expect((await call('GET', '/api/v1/me', cookie)).json()).toMatchObject({
      permissions: ['audit.read'],
      sections: ['audit'],
    });
    // The navigation reads the sections from the session and hides the others.
    expect((await call('GET', '/api/v1/session', cookie)).json().sections).toEqual(['audit']);
    expect((await call('DELETE', '/api/v1/admin/roles/auditor', operator)).statusCode).toBe(409);
    expect(
      (await call('PUT', `/api/v1/admin/people/${person}/staff-roles`, operator, { roles: [] })).statusCode,
    ).toBe(200);
    expect((await call('DELETE', '/api/v1/admin/roles/auditor', operator)).statusCode).toBe(204);
  });

  it('stores section access per customer group, only for groups that exist', async () => {
    const created = await call('POST', '/api/v1/admin/customer-groups', operator, { name: 'Оптовики' });
    expect(created.statusCode).toBe(201);
    const wholesale = created.json().id as string;
    const saved = await call('PUT', `/api/v1/admin/section-access/groups/${wholesale}`, operator, {
      sections: ['catalog', 'orders'],
    });
    expect(saved.statusCode).toBe(200);
    expect((await call('GET', '/api/v1/admin/section-access/groups', operator)).json()).toEqual({
      groups: { [wholesale]: ['catalog', 'orders'] },
    });
    const bad = await call('PUT', `/api/v1/admin/section-access/groups/${wholesale}`, operator, {
      sections: ['Bad Id'],
    });
    expect(bad.statusCode).toBe(400);
    for (const unknown of ['wholesale', '0190a0b0-0000-7000-8000-000000000000']) {
      const res = await call('PUT', `/api/v1/admin/section-access/groups/${unknown}`, operator, {
        sections: ['home'],
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect(
      (await call('PUT', `/api/v1/admin/section-access/groups/${wholesale}`, operator, { sections: null }))
        .statusCode,
    ).toBe(200);
  });

  it("gives each company context the sections of the company's customer group in /me", async () => {
    const groups = (await call('GET', '/api/v1/admin/customer-groups', operator)).json().items as {
      id: string;
      name: string;
    }[];
    const dealers = groups.find((g) => g.name === 'Дилеры')?.id as string;
    const retail = groups.find((g) => g.name === 'Розница')?.id as string;
    const { cookie } = await signIn(demoPeople.buyer.email);
    const companySections = async () =>
      Object.fromEntries(
        (
          (await call('GET', '/api/v1/me', cookie)).json().contexts.companies as {
            name: string;
            sections: string[] | null;
          }[]
        ).map((c) => [c.name, c.sections]),
      );
    // Not limited yet: every section, both for the dealer (group «Дилеры») and the client (no group).
    expect(await companySections()).toEqual({ ВодоСервис: null, 'Чистая вода Урал': null });

    // Another group's setting reaches neither the dealer nor the company without a group.
    await call('PUT', `/api/v1/admin/section-access/groups/${retail}`, operator, { sections: ['home'] });
    expect(await companySections()).toEqual({ ВодоСервис: null, 'Чистая вода Урал': null });

    await call('PUT', `/api/v1/admin/section-access/groups/${dealers}`, operator, { sections: [] });
    expect(await companySections()).toEqual({ ВодоСервис: [], 'Чистая вода Урал': null });

    for (const id of [dealers, retail]) {
      await call('PUT', `/api/v1/admin/section-access/groups/${id}`, operator, { sections: null });
    }
    expect(await companySections()).toEqual({ ВодоСервис: null, 'Чистая вода Урал': null });
  });
});

describe('people in the back office', () => {
  it('finds people by name, e-mail and phone, and filters staff, customers and blocked', async () => {
    const search = async (query: string) =>
      (
        (await call('GET', `/api/v1/admin/people?${query}`, operator)).json().items as { email: string }[]
      ).map((p) => p.email);
    expect(await search('q=Петров')).toEqual([demoPeople.customer.email]);
    expect(await search('q=CUSTOMER@demo')).toEqual([demoPeople.customer.email]);
    expect(await search('q=%2B7%20999%20000-00-02')).toEqual([demoPeople.customer.email]);
    const staff = await search('filter=staff&limit=100');
    expect(staff).toEqual(expect.arrayContaining([demoPeople.admin.email, demoPeople.support.email]));
    expect(staff).not.toContain(demoPeople.customer.email);
    const customers = await search('filter=customers&limit=100');
    expect(customers).toContain(demoPeople.customer.email);
    expect(customers).not.toContain(demoPeople.admin.email);
    const firstPage = (await call('GET', '/api/v1/admin/people?limit=2', operator)).json();
    expect(firstPage.items).toHaveLength(2);
    const second = (
      await call('GET', `/api/v1/admin/people?limit=2&cursor=${firstPage.nextCursor}`, operator)
    ).json();
    expect(second.items[0].id < firstPage.items[1].id).toBe(true);
  });

  it('shows a person card: companies, sessions, two-factor state, audit', async () => {
    await signIn(demoPeople.buyer.email);
    const res = await call('GET', `/api/v1/admin/people/${ids.buyer}`, operator);
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(card).toMatchObject({
      email: demoPeople.buyer.email,
      blocked: false,
      staffRoles: [],
      employee: false,
    });
    expect(card.companies).toHaveLength(2);
    expect(card.activeSessions).toBeGreaterThanOrEqual(1);
    expect(card).toHaveProperty('twoFactorEnabled');
    expect(card.audit.map((a: { action: string }) => a.action)).toContain('auth.sign_in');
    expect((await call('GET', '/api/v1/admin/people/nobody', operator)).statusCode).toBe(404);
    const { cookie: customer } = await signIn(demoPeople.customer.email);
    expect((await call('GET', `/api/v1/admin/people/${ids.buyer}`, customer)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/admin/people' })).statusCode).toBe(401);
  });

  it('blocks a person: sessions end, sign-in is refused without detail; unblock lets them back', async () => {
    const { cookie: customer } = await signIn(demoPeople.customer.email);
    expect((await call('GET', '/api/v1/me', customer)).statusCode).toBe(200);
    const { cookie: support } = await signIn(demoPeople.support.email);
    expect((await call('POST', `/api/v1/admin/people/${ids.customer}/block`, support)).statusCode).toBe(403);
    const { cookie: admin } = await signIn(demoPeople.admin.email);
    expect((await call('POST', `/api/v1/admin/people/${ids.customer}/block`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me', customer)).statusCode).toBe(401);
    const refused = await signIn(demoPeople.customer.email);
    expect(refused.res.statusCode).toBe(403);
    expect(refused.cookie).toBe('');
    expect(refused.res.json().code).toBe('ACCOUNT_BLOCKED');
    expect(refused.res.json().message).toBe(blockedMessage);
    const wrongPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email: demoPeople.customer.email, password: 'wrong-password-123' },
      headers: { origin: testOrigin },
    });
    expect(wrongPassword.statusCode).toBe(401);
    const blocked = (await call('GET', '/api/v1/admin/people?filter=blocked', admin)).json().items;
    expect(blocked.map((p: { id: string }) => p.id)).toEqual([ids.customer]);
    expect((await auditActions(`action=people.blocked&target=${ids.customer}`))[0]).toMatchObject({
      actorId: ids.admin,
    });
    expect((await call('POST', `/api/v1/admin/people/${ids.customer}/unblock`, admin)).statusCode).toBe(204);
    expect((await signIn(demoPeople.customer.email)).res.statusCode).toBe(200);
    expect(await auditActions(`action=people.unblocked&target=${ids.customer}`)).toHaveLength(1);
  });

  it('never lets staff act on someone with more permissions, or on themselves', async () => {
    const { cookie: manager } = await signIn('manager@example.ru');
    await call('PUT', `/api/v1/admin/roles/manager`, operator, {
      name: { ru: 'Менеджер', en: 'Manager' },
      permissions: ['companies.read', 'companies.manage', 'people.read', 'people.manage', 'staff.manage'],
    });
    expect((await call('POST', `/api/v1/admin/people/${ids.admin}/block`, manager)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/admin/people/${ids.manager}/block`, manager)).statusCode).toBe(409);
    const escalate = await call('PUT', `/api/v1/admin/people/${ids.customer}/staff-roles`, manager, {
      roles: ['admin'],
    });
    expect(escalate.statusCode).toBe(403);
    const unknown = await call('PUT', `/api/v1/admin/people/${ids.customer}/staff-roles`, manager, {
      roles: ['nope'],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('assigns staff roles', async () => {
    const res = await call('PUT', `/api/v1/admin/people/${ids.buyer}/staff-roles`, operator, {
      roles: ['hr'],
    });
    expect(res.json()).toEqual({ roles: ['hr'], permissions: ['people.read'] });
    const { cookie } = await signIn(demoPeople.buyer.email);
    expect((await call('GET', '/api/v1/me', cookie)).json().contexts.backOffice).toBe(true);
    await call('PUT', `/api/v1/admin/people/${ids.buyer}/staff-roles`, operator, { roles: [] });
    expect((await call('GET', '/api/v1/me', cookie)).json().contexts.backOffice).toBe(false);
    expect((await auditActions(`action=staff.roles_changed&target=${ids.buyer}`)).length).toBe(2);
  });
});

describe('staff invitations', () => {
  async function invitationToken(email: string) {
    await t.drainJobs();
    const list = await call('GET', `/api/v1/admin/dev-mailbox?to=${email}`, operator);
    const message = await call('GET', `/api/v1/admin/dev-mailbox/${list.json().items[0].id}`, operator);
    return decodeURIComponent(/token=([^\s"&]+)/.exec(message.json().text)?.[1] ?? '');
  }

  it('invites by e-mail with roles; only that person accepts, once; resend replaces the link; revoke', async () => {
    const email = demoPeople.customer.email;
    const invited = await call('POST', '/api/v1/admin/staff-invitations', operator, {
      email,
      roles: ['support'],
    });
    expect(invited.statusCode).toBe(201);
    const first = await invitationToken(email);
    expect(first.length).toBeGreaterThan(20);
    const resent = await call(
      'POST',
      `/api/v1/admin/staff-invitations/${invited.json().id}/resend`,
      operator,
    );
    expect(resent.statusCode).toBe(200);
    const second = await invitationToken(email);
    expect(second).not.toBe(first);

    const { cookie: buyer } = await signIn(demoPeople.buyer.email);
    expect(
      (await call('POST', '/api/v1/staff-invitations/accept', buyer, { token: second })).statusCode,
    ).toBe(404);
    const { cookie: customer } = await signIn(email);
    expect(
      (await call('POST', '/api/v1/staff-invitations/accept', customer, { token: first })).statusCode,
    ).toBe(404);
    const accepted = await call('POST', '/api/v1/staff-invitations/accept', customer, { token: second });
    expect(accepted.json()).toEqual({ roles: ['support'] });
    expect((await call('GET', '/api/v1/me', customer)).json().permissions).toContain('people.impersonate');
    expect(
      (await call('POST', '/api/v1/staff-invitations/accept', customer, { token: second })).statusCode,
    ).toBe(404);
    await call('PUT', `/api/v1/admin/people/${ids.customer}/staff-roles`, operator, { roles: [] });

    const other = await call('POST', '/api/v1/admin/staff-invitations', operator, {
      email: 'new.staff@example.ru',
      roles: ['hr'],
    });
    expect((await call('GET', '/api/v1/admin/staff-invitations', operator)).json().items).toHaveLength(1);
    expect(
      (await call('DELETE', `/api/v1/admin/staff-invitations/${other.json().id}`, operator)).statusCode,
    ).toBe(204);
    expect((await call('GET', '/api/v1/admin/staff-invitations', operator)).json().items).toHaveLength(0);
    const actions = (await auditActions('action=staff.')).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.invited',
        'staff.invitation_resent',
        'staff.invitation_accepted',
        'staff.invitation_revoked',
      ]),
    );
  });
});

describe('impersonation', () => {
  it('lets support sign in as a customer, shows it in /me, audits start and end, and returns', async () => {
    const { cookie: support } = await signIn(demoPeople.support.email);
    const started = await call('POST', `/api/v1/admin/people/${ids.customer}/impersonate`, support);
    expect(started.statusCode).toBe(200);
    const expiresAt = new Date(started.json().expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const asCustomer = jar(support, started);
    const me = (await call('GET', '/api/v1/me', asCustomer)).json();
    expect(me.user.email).toBe(demoPeople.customer.email);
    expect(me.permissions).toEqual([]);
    expect(me.impersonation).toMatchObject({ by: { id: ids.support, name: demoPeople.support.name } });
    expect((await call('GET', '/api/v1/admin/people', asCustomer)).statusCode).toBe(403);
    const startEntry = (await auditActions(`action=people.impersonation_started&target=${ids.customer}`))[0];
    expect(startEntry).toMatchObject({ actorId: ids.support });

    const ended = await call('POST', '/api/v1/impersonation/end', asCustomer);
    expect(ended.json()).toEqual({ restored: true });
    const back = jar(asCustomer, ended);
    const meAgain = (await call('GET', '/api/v1/me', back)).json();
    expect(meAgain.user.email).toBe(demoPeople.support.email);
    expect(meAgain.impersonation).toBeNull();
    expect((await call('GET', '/api/v1/me', asCustomer)).statusCode).toBe(401);
    const endEntry = (await auditActions('action=people.impersonation_ended'))[0];
    expect(endEntry).toMatchObject({ actorId: ids.support, subject: ids.customer });
  });

  it('ends a "sign in as" session an hour after it began, even if Better Auth refreshed it', async () => {
    const { cookie: support } = await signIn(demoPeople.support.email);
    const started = await call('POST', `/api/v1/admin/people/${ids.customer}/impersonate`, support);
    const asCustomer = jar(support, started);
    // Better Auth's own refresh (through its get-session endpoint) would move the end by 30 days.
    await call('GET', '/api/v1/auth/get-session', asCustomer);
    const me = (await call('GET', '/api/v1/me', asCustomer)).json();
    expect(new Date(me.impersonation.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await t.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(sessions.userId, ids.customer));
    expect((await call('GET', '/api/v1/me', asCustomer)).statusCode).toBe(401);
  });

  it('lets support look around as the person, but not delete, export or change how they sign in', async () => {
    const { cookie: support } = await signIn(demoPeople.support.email);
    const started = await call('POST', `/api/v1/admin/people/${ids.customer}/impersonate`, support);
    const asCustomer = jar(support, started);
    expect((await call('GET', '/api/v1/me/profile', asCustomer)).statusCode).toBe(200);
    const refused = [
      await call('POST', '/api/v1/me/deletion', asCustomer, { password }),
      await call('POST', '/api/v1/me/email-change', asCustomer, { email: 'someone.else@example.ru' }),
      await call('POST', '/api/v1/me/data-export', asCustomer, {}),
      await call('POST', '/api/v1/auth/change-password', asCustomer, {
        currentPassword: password,
        newPassword: 'another-long-passphrase-42',
      }),
      await call('POST', '/api/v1/auth/two-factor/enable', asCustomer, { password }),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('IMPERSONATION_FORBIDDEN');
    }
    // The person themselves still can.
    const { cookie: own } = await signIn(demoPeople.customer.email);
    expect((await call('POST', '/api/v1/me/data-export', own, {})).statusCode).toBe(202);
    await call('POST', '/api/v1/impersonation/end', asCustomer, {});
  });

  it('marks what support does while signed in as someone in the audit log', async () => {
    const { cookie: support } = await signIn(demoPeople.support.email);
    const started = await call('POST', `/api/v1/admin/people/${ids.customer}/impersonate`, support);
    const asCustomer = jar(support, started);
    await call('POST', '/api/v1/auth/sign-out', asCustomer, {});
    const signOut = (await auditActions('action=auth.sign_out'))[0];
    expect(signOut?.details.impersonatedBy).toBe(ids.support);
  });

  it('refuses without the permission, for admins and more powerful staff, and for oneself', async () => {
    const { cookie: manager } = await signIn('manager@example.ru');
    expect((await call('POST', `/api/v1/admin/people/${ids.customer}/impersonate`, manager)).statusCode).toBe(
      403,
    );
    const { cookie: support } = await signIn(demoPeople.support.email);
    expect((await call('POST', `/api/v1/admin/people/${ids.admin}/impersonate`, support)).statusCode).toBe(
      403,
    );
    expect((await call('POST', `/api/v1/admin/people/${ids.manager}/impersonate`, support)).statusCode).toBe(
      403,
    );
    expect((await call('POST', `/api/v1/admin/people/${ids.support}/impersonate`, support)).statusCode).toBe(
      409,
    );
    const { cookie: admin } = await signIn(demoPeople.admin.email);
    const anotherAdmin = await ensurePerson(t.db, {
      name: 'Админ 2',
      email: 'admin2@example.ru',
      emailVerified: true,
    });
    await ensureStaff(t.db, anotherAdmin, ['admin']);
    expect((await call('POST', `/api/v1/admin/people/${anotherAdmin}/impersonate`, admin)).statusCode).toBe(
      403,
    );
    expect((await call('POST', '/api/v1/impersonation/end', support)).statusCode).toBe(409);
  });
});

describe('audit log filters', () => {
  it('filters by action prefix, actor, target, IP, date range and text, with cursor pagination', async () => {
    const all = await auditActions('action=people.&limit=100');
    expect(all.length).toBeGreaterThan(2);
    expect(all.every((a) => a.action.startsWith('people.'))).toBe(true);
    const byActor = await auditActions(`actorId=${ids.support}&action=people.impersonation_started`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(
      await auditActions(`q=${encodeURIComponent(demoPeople.customer.email)}&action=people.blocked`),
    ).toHaveLength(1);
    expect(await auditActions('ip=10.9.9.9')).toHaveLength(0);
    expect((await auditActions('ip=127.0.0.1&limit=5')).length).toBeGreaterThan(0);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await auditActions(`from=${encodeURIComponent(future)}`)).toHaveLength(0);
    expect((await auditActions(`to=${encodeURIComponent(future)}&limit=3`)).length).toBe(3);
    const page = (await call('GET', '/api/v1/admin/audit?limit=2', operator)).json();
    const next = (
      await call('GET', `/api/v1/admin/audit?limit=2&cursor=${page.nextCursor}`, operator)
    ).json();
    expect(next.items[0].id < page.items[1].id).toBe(true);
    expect((await call('GET', '/api/v1/admin/audit?from=yesterday', operator)).statusCode).toBe(400);
  });
});
