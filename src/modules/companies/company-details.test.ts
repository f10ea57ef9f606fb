import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCustomerGroups } from './companies.service.js';
import { type CompaniesTestApp, companiesTestApp, demoCompanies, demoPeople } from './companies.testkit.js';

let k: CompaniesTestApp;
let dealer: string;
let owner: string;
let admin: string;

beforeAll(async () => {
  k = await companiesTestApp();
  owner = await k.cookieOf(demoPeople.owner.email);
  admin = await k.cookieOf(demoPeople.admin.email);
  dealer = await k.companyIdOf(owner, demoCompanies.dealer.name);
});
afterAll(async () => k?.t.close());

const path = (rest = '') => `/api/v1/orgs/${dealer}${rest}`;
const sber = { bankName: 'ПАО Сбербанк', bik: '044525225', correspondentAccount: '30101810400000000225' };

describe('company details', () => {
  it('shows members the requisites, bank accounts, manager and customer group', async () => {
    const buyer = await k.cookieOf(demoPeople.buyer.email);
    const card = (await k.as(buyer)('GET', path())).json();
    expect(card).toMatchObject({
      inn: demoCompanies.dealer.inn,
      manager: { name: demoPeople.admin.name, email: demoPeople.admin.email },
      customerGroup: { name: 'Дилеры' },
      creditLimit: 50_000_000,
    });
    expect(card.bankAccounts.filter((a: { isPrimary: boolean }) => a.isPrimary)).toHaveLength(1);
  });

  it('lets the company admin edit details; checksums are reported on the field', async () => {
    const wrong = await k.as(owner)('PATCH', path(), { ogrn: '1027700123451' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: 'body.ogrn', message: expect.stringMatching(/check digit/) },
    ]);
    const kpp = await k.as(owner)('PATCH', path(), { kpp: '77360100' });
    expect(kpp.json().errors[0].path).toBe('body.kpp');
    const ok = await k.as(owner)('PATCH', path(), {
      postalAddress: 'а/я 15, Москва, 119334',
      ogrn: '304770001000002',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ postalAddress: 'а/я 15, Москва, 119334', ogrn: '304770001000002' });
    const buyer = await k.cookieOf(demoPeople.buyer.email);
    expect((await k.as(buyer)('PATCH', path(), { name: 'Нет' })).statusCode).toBe(403);
    // The INN identifies the company: the cabinet cannot change it (unknown keys are dropped).
    await k.as(owner)('PATCH', path(), { inn: '7707083893' });
    expect((await k.as(owner)('GET', path())).json().inn).toBe(demoCompanies.dealer.inn);
  });

  it('checks bank accounts against the BIK and keeps exactly one primary', async () => {
    const badKey = await k.as(owner)('POST', path('/bank-accounts'), {
      ...sber,
      settlementAccount: '40702810200000012346',
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.settlementAccount']);
    const badBik = await k.as(owner)('POST', path('/bank-accounts'), {
      ...sber,
      bik: '144525225',
      settlementAccount: '40702810200000012345',
    });
    expect(badBik.json().errors.map((e: { path: string }) => e.path)).toContain('body.bik');
    const badCorr = await k.as(owner)('POST', path('/bank-accounts'), {
      ...sber,
      settlementAccount: '40702810200000012345',
      correspondentAccount: '30101810400000000226',
    });
    expect(badCorr.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.correspondentAccount']);

    const added = await k.as(owner)('POST', path('/bank-accounts'), {
      bankName: 'Банк Примера',
      bik: '044525593',
      settlementAccount: '40702810801400016513',
      isPrimary: true,
    });
    expect(added.statusCode).toBe(201);
    const primary = (await k.as(owner)('GET', path()))
      .json()
      .bankAccounts.filter((a: { isPrimary: boolean }) => a.isPrimary);
    expect(primary.map((a: { id: string }) => a.id)).toEqual([added.json().id]);

    const changeBik = await k.as(owner)('PATCH', path(`/bank-accounts/${added.json().id}`), {
      bik: '044525225',
    });
    expect(changeBik.statusCode).toBe(400);
    expect((await k.as(owner)('DELETE', path(`/bank-accounts/${added.json().id}`))).statusCode).toBe(204);
    const after = (await k.as(owner)('GET', path())).json().bankAccounts;
    expect(after.filter((a: { isPrimary: boolean }) => a.isPrimary)).toHaveLength(1);
    const other = after.find((a: { isPrimary: boolean }) => !a.isPrimary);
    const moved = await k.as(owner)('PATCH', path(`/bank-accounts/${other.id}`), { isPrimary: true });
    expect(moved.json().items[0]).toMatchObject({ id: other.id, isPrimary: true });
  });
});

describe('back office', () => {
  it('creates an active company, checks requisites, refuses a duplicate', async () => {
    const body = {
      name: 'Новый клиент',
      legalName: 'ООО «Новый клиент»',
      inn: '7707083893',
      kpp: '770701001',
      kinds: ['client', 'supplier'],
    };
    const wrong = await k.as(admin)('POST', '/api/v1/admin/companies', { ...body, inn: '7707083894' });
    expect(wrong.json().errors[0].path).toBe('body.inn');
    const created = await k.as(admin)('POST', '/api/v1/admin/companies', body);
    expect(created.statusCode).toBe(201);
    expect((await k.as(admin)('POST', '/api/v1/admin/companies', body)).statusCode).toBe(409);
    const card = (await k.as(admin)('GET', `/api/v1/admin/companies/${created.json().id}`)).json();
    expect(card).toMatchObject({ status: 'active', kinds: ['client', 'supplier'], manager: null });
    const customer = await k.cookieOf(demoPeople.customer.email);
    expect((await k.as(customer)('POST', '/api/v1/admin/companies', body)).statusCode).toBe(403);
  });

  it('searches and filters the company list, with cursor pages', async () => {
    const list = (q: string) =>
      k
        .as(admin)('GET', `/api/v1/admin/companies?${q}`)
        .then((r) => r.json());
    expect((await list('q=водо')).items.map((c: { name: string }) => c.name)).toEqual([
      demoCompanies.dealer.name,
    ]);
    expect((await list(`q=${demoCompanies.supplier.inn}`)).items).toHaveLength(1);
    const suppliers = (await list('kind=supplier')).items.map((c: { name: string }) => c.name);
    expect(suppliers).toContain(demoCompanies.supplier.name);
    expect(suppliers).not.toContain(demoCompanies.dealer.name);
    expect((await list('status=pending')).items).toEqual([]);
    const first = await list('limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await k.as(admin)('GET', '/api/v1/admin/companies?status=gone')).statusCode).toBe(400);
  });

  it('assigns a manager, a customer group and a credit limit', async () => {
    const managers = (await k.as(admin)('GET', '/api/v1/admin/companies/managers')).json().items;
    // Every staff member can be a company's manager: the demo admin and the demo support agent.
    expect(managers.map((m: { email: string }) => m.email).sort()).toEqual(
      [demoPeople.admin.email, demoPeople.support.email].sort(),
    );
    const group = await k.as(admin)('POST', '/api/v1/admin/customer-groups', {
      name: 'Оптовики',
      description: 'От 1 млн в год',
    });
    expect(group.statusCode).toBe(201);
    expect(
      (await k.as(admin)('POST', '/api/v1/admin/customer-groups', { name: 'Оптовики' })).statusCode,
    ).toBe(409);

    const client = (await k.as(admin)('GET', '/api/v1/admin/companies?q=Урал')).json().items[0].id;
    const customer = await k.cookieOf(demoPeople.customer.email);
    const me = (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie: customer } })).json();
    const notStaff = await k.as(admin)('PATCH', `/api/v1/admin/companies/${client}`, {
      managerId: me.user.id,
    });
    expect(notStaff.json().errors[0].path).toBe('body.managerId');
    const noGroup = await k.as(admin)('PATCH', `/api/v1/admin/companies/${client}`, {
      customerGroupId: '0190e2a4-0000-7000-8000-000000000000',
    });
    expect(noGroup.json().errors[0].path).toBe('body.customerGroupId');
    const set = await k.as(admin)('PATCH', `/api/v1/admin/companies/${client}`, {
      managerId: managers[0].id,
      customerGroupId: group.json().id,
      creditLimit: 100_000_00,
      kinds: ['client', 'partner'],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      manager: { id: managers[0].id },
      customerGroup: { name: 'Оптовики' },
      creditLimit: 100_000_00,
    });
    expect(
      (await k.as(admin)('PATCH', `/api/v1/admin/companies/${client}`, { creditLimit: -1 })).statusCode,
    ).toBe(400);

    const groups = (await k.as(admin)('GET', '/api/v1/admin/customer-groups')).json().items;
    expect(groups.find((g: { name: string }) => g.name === 'Оптовики').companies).toBe(1);
    expect(await listCustomerGroups(k.t.db)).toEqual(
      expect.arrayContaining([{ id: group.json().id, name: 'Оптовики' }]),
    );
    expect(
      (await k.as(admin)('PATCH', `/api/v1/admin/customer-groups/${group.json().id}`, { name: 'Опт' }))
        .statusCode,
    ).toBe(204);
    expect((await k.as(admin)('DELETE', `/api/v1/admin/customer-groups/${group.json().id}`)).statusCode).toBe(
      204,
    );
    expect((await k.as(admin)('GET', `/api/v1/admin/companies/${client}`)).json().customerGroup).toBeNull();
  });

  it('shows members and invites people into a company', async () => {
    const res = await k.as(admin)('GET', `/api/v1/admin/companies/${dealer}/members`);
    expect(res.json().items.map((m: { email: string }) => m.email)).toContain(demoPeople.owner.email);
    const invited = await k.as(admin)('POST', `/api/v1/admin/companies/${dealer}/invitations`, {
      email: 'first.owner@example.ru',
      role: 'owner',
    });
    expect(invited.statusCode).toBe(201);
    expect(await k.invitationToken('first.owner@example.ru')).toBeTruthy();
    const listed = (await k.as(admin)('GET', `/api/v1/admin/companies/${dealer}/members`)).json().invitations;
    expect(listed.map((i: { email: string }) => i.email)).toContain('first.owner@example.ru');
    expect(
      (await k.as(admin)('DELETE', `/api/v1/admin/companies/${dealer}/invitations/${invited.json().id}`))
        .statusCode,
    ).toBe(204);
    expect(
      (await k.as(admin)('GET', '/api/v1/admin/companies/0190e2a4-0000-7000-8000-000000000000/members'))
        .statusCode,
    ).toBe(404);
  });
});
