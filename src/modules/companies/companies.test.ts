import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.js';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { buildTestApp, type TestApp } from '../../test/app.js';

const origin = 'http://localhost:3000';
const password = 'demo-password-for-tests';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.db, { publicUrl: origin, password });
});
afterAll(async () => t?.close());

async function cookieOf(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email, password },
    headers: { origin },
  });
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const register = (cookie: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/companies', headers: { cookie, origin }, payload: body });

const valid = {
  name: 'Аквалайн',
  legalName: 'ООО «Аквалайн»',
  inn: '7707123458',
  kpp: '770701001',
  kinds: ['client'],
};

describe('company self-registration', () => {
  it('rejects an INN with a wrong checksum with a message on the field', async () => {
    const cookie = await cookieOf(demoPeople.customer.email);
    const res = await register(cookie, { ...valid, inn: '7707123459' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.inn', message: expect.stringMatching(/check digit/) }]);
    const ogrn = await register(cookie, { ...valid, inn: '5262087657', ogrn: '1027700123451' });
    expect(ogrn.json().errors[0].path).toBe('body.ogrn');
  });

  it('refuses a cookie-authenticated write from another site (CSRF)', async () => {
    const cookie = await cookieOf(demoPeople.customer.email);
    const send = (headers: Record<string, string>, payload: object = valid) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/companies', headers: { cookie, ...headers }, payload });
    const crossSite: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const res = await send(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('CSRF_REJECTED');
    }
    // The portal's own pages send their origin (or Sec-Fetch-Site: same-origin): those pass the check.
    const sameOrigin = await send(
      { 'sec-fetch-site': 'same-origin' },
      { ...valid, inn: '7707083893', kpp: '773601001' },
    );
    expect(sameOrigin.statusCode).toBe(201);
  });

  it('requires sign-in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/companies', payload: valid });
    expect(res.statusCode).toBe(401);
  });

  it('registers a pending company with me as owner; staff approve it', async () => {
    const cookie = await cookieOf(demoPeople.customer.email);
    const inn = '7707123458';
    // The demo dealer has this INN with another KPP: a branch is a separate registration.
    expect(demoCompanies.dealer.inn).toBe(inn);
    const res = await register(cookie, valid);
    expect(res.statusCode).toBe(201);
    const { id } = res.json();

    const card = await t.app.inject({ url: `/api/v1/orgs/${id}`, headers: { cookie } });
    expect(card.json()).toMatchObject({ status: 'pending', myRole: 'owner' });

    expect((await register(cookie, valid)).statusCode).toBe(409);

    const admin = await cookieOf(demoPeople.admin.email);
    const queue = await t.app.inject({
      url: '/api/v1/admin/companies?status=pending',
      headers: { cookie: admin },
    });
    expect(queue.json().items.map((c: { id: string }) => c.id)).toContain(id);
    const customerTries = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/companies/${id}/approve`,
      headers: { cookie, origin },
    });
    expect(customerTries.statusCode).toBe(403);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/companies/${id}/approve`,
      headers: { cookie: admin, origin },
    });
    expect(approve.statusCode).toBe(204);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/companies/${id}/approve`,
      headers: { cookie: admin, origin },
    });
    expect(twice.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/orgs/${id}`, headers: { cookie } })).json().status).toBe(
      'active',
    );

    const audit = await t.app.inject({ url: '/api/v1/admin/audit?limit=50', headers: { cookie: admin } });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['company.registered', 'company.approved']),
    );
  });
});
