import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataConsentVersion } from '../../shared/consent.js';
import { users } from '../people/people.tables.js';
import { companyInvitations } from './companies.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from './companies.testkit.js';

let k: CompaniesTestApp;
let dealer: string;
let owner: string;

beforeAll(async () => {
  k = await companiesTestApp();
  owner = await k.cookieOf(demoPeople.owner.email);
  dealer = await k.companyIdOf(owner, demoCompanies.dealer.name);
});
afterAll(async () => k?.t.close());

const path = (rest = '') => `/api/v1/orgs/${dealer}${rest}`;
const members = async () =>
  (await k.as(owner)('GET', path('/members'))).json().items as {
    userId: string;
    email: string;
    role: string;
    roleName: string;
  }[];
const memberId = async (email: string) => (await members()).find((m) => m.email === email)?.userId as string;

/** Signs up from an invitation link; returns the answer and the new session cookie. */
async function signUpFromInvitation(token: string, name = 'Новый Сотрудник') {
  const res = await k.t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/sign-up`,
    headers: { origin },
    payload: { name, password: 'a-long-enough-password-1', consentVersion: personalDataConsentVersion },
  });
  const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
  return { res, cookie: cookie ? `${cookie.name}=${cookie.value}` : undefined };
}

describe('invitations', () => {
  it('invites a new person who signs up from the link and lands in the company', async () => {
    const email = 'new.buyer@example.ru';
    const sent = await k.as(owner)('POST', path('/invitations'), {
      email: 'New.Buyer@example.ru',
      role: 'buyer',
    });
    expect(sent.statusCode).toBe(201);
    const mail = await k.latestMailTo(email);
    expect(mail?.subject).toContain(demoCompanies.dealer.name);
    const token = await k.invitationToken(email);

    const opened = await k.t.app.inject({ url: `/api/v1/invitations/${token}` });
    expect(opened.json()).toMatchObject({
      companyName: demoCompanies.dealer.name,
      email,
      roleName: 'buyer',
      state: 'open',
      hasAccount: false,
    });

    const { res, cookie } = await signUpFromInvitation(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().orgId).toBe(dealer);
    const me = (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.user.email).toBe(email);
    expect(me.contexts.companies).toEqual([expect.objectContaining({ id: dealer, role: 'buyer' })]);
    // The link came to the address, so it counts as verified: a password sign-in works at once.
    expect(await k.cookieOf(email, 'a-long-enough-password-1')).toBeTruthy();

    const again = await signUpFromInvitation(token);
    expect(again.res.statusCode).toBe(409);
    expect(again.res.json().code).toBe('INVITATION_USED');
    const list = (await k.as(owner)('GET', path('/invitations'))).json().items;
    expect(list.map((i: { email: string }) => i.email)).not.toContain(email);
  });

  it('lets an existing person accept only when signed in with the invited e-mail', async () => {
    const email = demoPeople.customer.email;
    await k.t.db.update(users).set({ locale: 'en' }).where(eq(users.email, email));
    expect((await k.as(owner)('POST', path('/invitations'), { email, role: 'accountant' })).statusCode).toBe(
      201,
    );
    // The invitee has an account, so the mail is in their language, not the inviter's.
    expect((await k.latestMailTo(email))?.subject).toMatch(/^Invitation to the /);
    await k.t.db.update(users).set({ locale: 'ru' }).where(eq(users.email, email));
    const token = await k.invitationToken(email);
    expect((await k.t.app.inject({ url: `/api/v1/invitations/${token}` })).json().hasAccount).toBe(true);
    // Sign-up from the link is for new people only.
    expect((await signUpFromInvitation(token)).res.statusCode).toBe(409);

    const anonymous = await k.as(undefined)('POST', `/api/v1/invitations/${token}/accept`);
    expect(anonymous.statusCode).toBe(401);
    const stranger = await k.as(await k.cookieOf(demoPeople.supplier.email))(
      'POST',
      `/api/v1/invitations/${token}/accept`,
    );
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('INVITATION_WRONG_EMAIL');

    const customer = await k.cookieOf(email);
    const accepted = await k.as(customer)('POST', `/api/v1/invitations/${token}/accept`);
    expect(accepted.json()).toEqual({ orgId: dealer });
    expect((await members()).find((m) => m.email === email)?.role).toBe('accountant');
    expect((await k.as(customer)('POST', `/api/v1/invitations/${token}/accept`)).statusCode).toBe(409);
  });

  it('refuses an expired link; resending gives a new link and the old one stops working', async () => {
    const email = 'late@example.ru';
    const sent = await k.as(owner)('POST', path('/invitations'), { email, role: 'viewer' });
    const oldToken = await k.invitationToken(email);
    await k.t.db
      .update(companyInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(companyInvitations.id, sent.json().id));
    expect((await k.t.app.inject({ url: `/api/v1/invitations/${oldToken}` })).json().state).toBe('expired');
    const late = await signUpFromInvitation(oldToken);
    expect(late.res.statusCode).toBe(410);
    expect(late.res.json().code).toBe('INVITATION_EXPIRED');
    const listed = (await k.as(owner)('GET', path('/invitations')))
      .json()
      .items.find((i: { email: string }) => i.email === email);
    expect(listed.expired).toBe(true);

    expect((await k.as(owner)('POST', path(`/invitations/${sent.json().id}/resend`))).statusCode).toBe(204);
    const newToken = await k.invitationToken(email);
    expect(newToken).not.toBe(oldToken);
    expect((await k.t.app.inject({ url: `/api/v1/invitations/${oldToken}` })).statusCode).toBe(404);
    expect((await signUpFromInvitation(newToken)).res.statusCode).toBe(200);
  });

  it('revokes an invitation; refuses duplicates and people already in the company', async () => {
    const email = 'revoked@example.ru';
    const sent = await k.as(owner)('POST', path('/invitations'), { email, role: 'viewer' });
    const twice = await k.as(owner)('POST', path('/invitations'), { email, role: 'viewer' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].path).toBe('body.email');
    const token = await k.invitationToken(email);
    expect((await k.as(owner)('DELETE', path(`/invitations/${sent.json().id}`))).statusCode).toBe(204);
    expect((await k.t.app.inject({ url: `/api/v1/invitations/${token}` })).json().state).toBe('revoked');
    expect((await signUpFromInvitation(token)).res.statusCode).toBe(409);
    expect((await k.as(owner)('DELETE', path(`/invitations/${sent.json().id}`))).statusCode).toBe(404);

    const member = await k.as(owner)('POST', path('/invitations'), {
      email: demoPeople.buyer.email,
      role: 'viewer',
    });
    expect(member.statusCode).toBe(409);
    const badRole = await k.as(owner)('POST', path('/invitations'), {
      email: 'x@example.ru',
      role: 'emperor',
    });
    expect(badRole.statusCode).toBe(400);
    expect(
      (await k.as(owner)('GET', '/api/v1/invitations/not-a-real-token-but-long-enough')).statusCode,
    ).toBe(404);
  });

  it('lets only members who manage members invite', async () => {
    const buyer = await k.cookieOf(demoPeople.buyer.email);
    const res = await k.as(buyer)('POST', path('/invitations'), { email: 'y@example.ru', role: 'viewer' });
    expect(res.statusCode).toBe(403);
  });
});

describe('members and roles', () => {
  it('keeps the last owner: no demotion, no removal, no leaving', async () => {
    const me = await memberId(demoPeople.owner.email);
    const demote = await k.as(owner)('PATCH', path(`/members/${me}`), { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('LAST_OWNER');
    expect((await k.as(owner)('POST', path('/leave'))).json().code).toBe('LAST_OWNER');
    expect((await k.as(owner)('DELETE', path(`/members/${me}`))).json().code).toBe('LAST_OWNER');
  });

  it('lets only owners manage owners; an admin manages the rest', async () => {
    const email = 'company.admin@example.ru';
    await k.as(owner)('POST', path('/invitations'), { email, role: 'admin' });
    const { cookie: admin } = await signUpFromInvitation(await k.invitationToken(email), 'Администратор');
    const ownerId = await memberId(demoPeople.owner.email);
    const buyerId = await memberId(demoPeople.buyer.email);
    const asAdmin = k.as(admin);
    expect((await asAdmin('PATCH', path(`/members/${ownerId}`), { role: 'viewer' })).statusCode).toBe(403);
    expect((await asAdmin('DELETE', path(`/members/${ownerId}`))).statusCode).toBe(403);
    expect((await asAdmin('PATCH', path(`/members/${buyerId}`), { role: 'owner' })).statusCode).toBe(403);
    expect(
      (await asAdmin('POST', path('/invitations'), { email: 'o@example.ru', role: 'owner' })).statusCode,
    ).toBe(403);
    expect((await asAdmin('PATCH', path(`/members/${buyerId}`), { role: 'approver' })).statusCode).toBe(204);
    expect((await asAdmin('PATCH', path(`/members/${buyerId}`), { role: 'buyer' })).statusCode).toBe(204);

    // With a second owner, the first one may step down and the admin may leave.
    const adminId = await memberId(email);
    expect((await k.as(owner)('PATCH', path(`/members/${adminId}`), { role: 'owner' })).statusCode).toBe(204);
    expect((await k.as(owner)('PATCH', path(`/members/${ownerId}`), { role: 'admin' })).statusCode).toBe(204);
    expect((await k.as(owner)('PATCH', path(`/members/${ownerId}`), { role: 'owner' })).statusCode).toBe(403);
    expect((await asAdmin('PATCH', path(`/members/${ownerId}`), { role: 'owner' })).statusCode).toBe(204);
    expect((await asAdmin('POST', path('/leave'))).statusCode).toBe(204);
    expect((await members()).map((m) => m.email)).not.toContain(email);
    expect((await asAdmin('GET', path())).statusCode).toBe(404);
  });

  it('builds a custom role from permission keys; its members get exactly those rights', async () => {
    const created = await k.as(owner)('POST', path('/roles'), {
      name: 'Логист',
      permissions: ['orders.read', 'members.read'],
    });
    expect(created.statusCode).toBe(201);
    const roleId = created.json().id;
    expect((await k.as(owner)('POST', path('/roles'), { name: 'Логист', permissions: [] })).statusCode).toBe(
      409,
    );
    expect(
      (await k.as(owner)('POST', path('/roles'), { name: 'x', permissions: ['owners.manage'] })).statusCode,
    ).toBe(201);

    const email = 'logist@example.ru';
    await k.as(owner)('POST', path('/invitations'), { email, customRoleId: roleId });
    const { cookie } = await signUpFromInvitation(await k.invitationToken(email), 'Логист Логистов');
    const card = (await k.as(cookie)('GET', path())).json();
    expect(card.myRole).toBe('Логист');
    expect(card.myPermissions.sort()).toEqual(['company.read', 'members.read', 'orders.read']);
    expect((await k.as(cookie)('GET', path('/members'))).statusCode).toBe(200);
    expect((await k.as(cookie)('PATCH', path(), { name: 'Нет' })).statusCode).toBe(403);
    expect((await k.as(cookie)('GET', path('/invitations'))).statusCode).toBe(403);

    const roles = (await k.as(owner)('GET', path('/roles'))).json();
    expect(roles.builtIn.map((r: { role: string }) => r.role)).toContain('owner');
    const logist = roles.custom.find((r: { id: string }) => r.id === roleId);
    expect(logist).toMatchObject({ members: 1 });
    // The 'x' role could not take owners.manage: custom roles never manage owners.
    expect(roles.custom.find((r: { name: string }) => r.name === 'x').permissions).toEqual(['company.read']);

    expect(
      (
        await k.as(owner)('PATCH', path(`/roles/${roleId}`), {
          permissions: ['orders.read', 'members.read', 'members.manage'],
        })
      ).statusCode,
    ).toBe(204);
    expect((await k.as(cookie)('GET', path('/invitations'))).statusCode).toBe(200);
    expect((await k.as(owner)('DELETE', path(`/roles/${roleId}`))).statusCode).toBe(409);
    const logistId = await memberId(email);
    expect((await k.as(owner)('PATCH', path(`/members/${logistId}`), { role: 'viewer' })).statusCode).toBe(
      204,
    );
    expect((await k.as(owner)('DELETE', path(`/roles/${roleId}`))).statusCode).toBe(204);

    const buyer = await k.cookieOf(demoPeople.buyer.email);
    expect((await k.as(buyer)('POST', path('/roles'), { name: 'y', permissions: [] })).statusCode).toBe(403);
  });

  it('removes a member, and a member may leave', async () => {
    const email = 'leaver@example.ru';
    await k.as(owner)('POST', path('/invitations'), { email, role: 'viewer' });
    const { cookie } = await signUpFromInvitation(await k.invitationToken(email), 'Уходящий');
    expect((await k.as(cookie)('POST', path('/leave'))).statusCode).toBe(204);
    expect((await k.as(cookie)('GET', path())).statusCode).toBe(404);

    const removed = await memberId(demoPeople.customer.email);
    expect((await k.as(owner)('DELETE', path(`/members/${removed}`))).statusCode).toBe(204);
    expect((await k.as(owner)('DELETE', path(`/members/${removed}`))).statusCode).toBe(404);
  });

  it('audits role changes, invitations and removals', async () => {
    const admin = await k.cookieOf(demoPeople.admin.email);
    const audit = await k.t.app.inject({ url: '/api/v1/admin/audit?limit=100', headers: { cookie: admin } });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'company.invitation_sent',
        'company.invitation_resent',
        'company.invitation_revoked',
        'company.invitation_accepted',
        'company.member_role_changed',
        'company.member_removed',
        'company.member_left',
        'company.role_created',
        'company.role_deleted',
      ]),
    );
  });
});
