import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtures } from '../catalog/browse/browse.testkit.js';
import { companies, customerGroups } from './companies.tables.js';
import { type CompaniesTestApp, companiesTestApp, demoCompanies, demoPeople } from './companies.testkit.js';

let k: CompaniesTestApp;
/** Company A (the dealer) and its owner, who holds every permission there. */
let a: { id: string; cookie: string };
/** Company B (the supplier) and the ids of its resources. */
let b: {
  id: string;
  cookie: string;
  accountId: string;
  roleId: string;
  invitationId: string;
  userId: string;
  /** A catalog product only B's customer group may see. */
  productId: string;
};

const validBodies: Record<string, object> = {
  'PATCH /api/v1/orgs/:orgId': { name: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/bank-accounts/:accountId': { bankName: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/members/:userId': { role: 'viewer' },
  'PATCH /api/v1/orgs/:orgId/roles/:roleId': { name: 'Взлом' },
  'POST /api/v1/orgs/:orgId/bank-accounts': {
    bankName: 'Взлом',
    bik: '044525225',
    settlementAccount: '40702810200000012345',
  },
  'POST /api/v1/orgs/:orgId/invitations': { email: 'stranger@example.ru', role: 'viewer' },
  'POST /api/v1/orgs/:orgId/roles': { name: 'Взлом', permissions: ['orders.read'] },
  'POST /api/v1/orgs/:orgId/catalog/price-quote': {
    lines: [{ variantId: '01900000-0000-7000-8000-000000000000', quantity: 1 }],
  },
};

/** The answer without `instance`, which only echoes the requested path (with the ids we sent). */
const dataOf = (body: string) => {
  try {
    const { instance: _echo, ...rest } = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return body;
  }
};

const secretsOfB = () => [
  demoCompanies.supplier.inn,
  b.accountId,
  b.roleId,
  b.invitationId,
  b.userId,
  b.productId,
  'SECRET-B-SKU',
];

/** A customer group of B's own and a product only that group sees (the catalog's org routes). */
async function productOnlyBSees(companyId: string): Promise<string> {
  const db = k.t.db;
  const groupId = uuidv7();
  await db.insert(customerGroups).values({ id: groupId, name: 'Только поставщик' });
  await db.update(companies).set({ customerGroupId: groupId }).where(eq(companies.id, companyId));
  const f = catalogFixtures(db);
  const category = await f.category('Линейка поставщика', undefined, [groupId]);
  const product = await f.product({
    name: 'Товар только для B',
    sku: 'SECRET-B-SKU',
    categoryId: category.id,
    price: 100,
    visibleGroupIds: [groupId],
  });
  return product.id;
}

beforeAll(async () => {
  k = await companiesTestApp();
  const ownerA = await k.cookieOf(demoPeople.owner.email);
  a = { cookie: ownerA, id: await k.companyIdOf(ownerA, demoCompanies.dealer.name) };
  const ownerB = await k.cookieOf(demoPeople.supplier.email);
  const idB = await k.companyIdOf(ownerB, demoCompanies.supplier.name);
  const asB = k.as(ownerB);
  const account = await asB(
    'POST',
    `/api/v1/orgs/${idB}/bank-accounts`,
    validBodies['POST /api/v1/orgs/:orgId/bank-accounts'],
  );
  const role = await asB('POST', `/api/v1/orgs/${idB}/roles`, {
    name: 'Склад',
    permissions: ['orders.read'],
  });
  const invitation = await asB('POST', `/api/v1/orgs/${idB}/invitations`, {
    email: 'b-person@example.ru',
    role: 'buyer',
  });
  const members = await asB('GET', `/api/v1/orgs/${idB}/members`);
  expect([account.statusCode, role.statusCode, invitation.statusCode]).toEqual([201, 201, 201]);
  b = {
    id: idB,
    cookie: ownerB,
    accountId: account.json().id,
    roleId: role.json().id,
    invitationId: invitation.json().id,
    userId: members.json().items[0].userId,
    productId: await productOnlyBSees(idB),
  };
});
afterAll(async () => k?.t.close());

/** B's resources as B's owner sees them, to prove nothing changed. */
async function stateOfB() {
  const asB = k.as(b.cookie);
  const [card, members, invitations, roles] = await Promise.all([
    asB('GET', `/api/v1/orgs/${b.id}`),
    asB('GET', `/api/v1/orgs/${b.id}/members`),
    asB('GET', `/api/v1/orgs/${b.id}/invitations`),
    asB('GET', `/api/v1/orgs/${b.id}/roles`),
  ]);
  return [card.body, members.body, invitations.body, roles.body];
}

describe('cross-company access', () => {
  const orgRoutes = () => k.t.app.kabinet.routes.filter((r) => 'org' in r.access);

  it('covers the org routes this module declares', () => {
    const urls = orgRoutes().map((r) => `${r.method} ${r.url}`);
    expect(urls.length).toBeGreaterThanOrEqual(15);
    expect(urls).toContain('DELETE /api/v1/orgs/:orgId/members/:userId');
  });

  it('answers 404 with no data on every org route in company B’s scope, for A’s full-rights member', async () => {
    const before = await stateOfB();
    for (const route of orgRoutes()) {
      const url = route.url
        .replace(':orgId', b.id)
        .replace(':accountId', b.accountId)
        .replace(':userId', b.userId)
        .replace(':invitationId', b.invitationId)
        .replace(':roleId', b.roleId)
        .replace(':productId', b.productId);
      for (const orgUrl of [
        url,
        route.url.replace(':orgId', '0190e2a4-0000-7000-8000-000000000000'),
        route.url.replace(':orgId', 'not-a-uuid'),
      ]) {
        const res = await k.as(a.cookie)(
          route.method as 'GET',
          orgUrl,
          validBodies[`${route.method} ${route.url}`],
        );
        expect(res.statusCode, `${route.method} ${orgUrl} as A's owner`).toBe(404);
        for (const secret of secretsOfB()) expect(dataOf(res.body)).not.toContain(secret);
      }
      const anonymous = await k.as(undefined)(route.method as 'GET', url);
      expect(anonymous.statusCode, `${route.method} ${route.url} anonymous`).toBe(401);
    }
    expect(await stateOfB()).toEqual(before);
  });

  it('answers 404 when B’s member, invitation, bank-account and role ids are used in A’s scope', async () => {
    const before = await stateOfB();
    const params: Record<string, () => string> = {
      ':accountId': () => b.accountId,
      ':userId': () => b.userId,
      ':invitationId': () => b.invitationId,
      ':roleId': () => b.roleId,
      ':productId': () => b.productId,
    };
    const withIds = orgRoutes().filter((r) => r.url.replace(':orgId', '').includes(':'));
    expect(withIds.length).toBeGreaterThanOrEqual(7);
    for (const route of withIds) {
      let url = route.url.replace(':orgId', a.id);
      for (const [param, value] of Object.entries(params)) url = url.replace(param, value());
      expect(url, `every id parameter of ${route.url} has a value of B`).not.toMatch(/:[a-zA-Z]/);
      const res = await k.as(a.cookie)(
        route.method as 'GET',
        url,
        validBodies[`${route.method} ${route.url}`],
      );
      expect(res.statusCode, `${route.method} ${url} with B's ids in A's scope`).toBe(404);
      for (const secret of secretsOfB()) expect(dataOf(res.body)).not.toContain(secret);
    }
    expect(await stateOfB()).toEqual(before);
  });

  it('shows none of B’s data on A’s own lists, and refuses B’s custom role in A', async () => {
    for (const route of orgRoutes().filter(
      (r) => r.method === 'GET' && !r.url.replace(':orgId', '').includes(':'),
    )) {
      const res = await k.as(a.cookie)('GET', route.url.replace(':orgId', a.id));
      expect(res.statusCode, route.url).toBe(200);
      for (const secret of secretsOfB()) expect(res.body, route.url).not.toContain(secret);
    }
    const invite = await k.as(a.cookie)('POST', `/api/v1/orgs/${a.id}/invitations`, {
      email: 'someone@example.ru',
      customRoleId: b.roleId,
    });
    expect(invite.statusCode).toBe(400);
    const members = (await k.as(a.cookie)('GET', `/api/v1/orgs/${a.id}/members`)).json().items;
    const buyer = members.find((m: { email: string }) => m.email === demoPeople.buyer.email);
    const assign = await k.as(a.cookie)('PATCH', `/api/v1/orgs/${a.id}/members/${buyer.userId}`, {
      customRoleId: b.roleId,
    });
    expect(assign.statusCode).toBe(400);
  });
});
