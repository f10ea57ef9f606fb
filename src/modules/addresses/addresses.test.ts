import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
} from '../companies/companies.testkit.js';
import { addressesPersonalData } from './addresses.personal-data.js';
import { addressBookLimit, addressForCheckout } from './addresses.service.js';

let k: CompaniesTestApp;
let customer: string;
let employee: string;
let owner: string;
let buyer: string;
let supplier: string;
let dealerId: string;
let supplierId: string;

const home = {
  label: 'Дом',
  recipientName: 'Иван Петров',
  phone: '8 916 123-45-67',
  postalCode: '101000',
  region: 'Москва',
  city: 'Москва',
  line: 'ул. Мясницкая, д. 1',
  flat: '12',
  comment: 'Домофон 12',
  location: { lat: 55.76, lon: 37.63 },
};

const warehouse = {
  label: 'Склад',
  recipientName: 'Кладовщик',
  phone: '+7 343 123-45-67',
  postalCode: '620000',
  region: 'Свердловская область',
  city: 'Екатеринбург',
  line: 'ул. Складская, 5',
  consignee: {
    name: 'ООО «Чистая вода Урал»',
    inn: demoCompanies.client.inn,
    kpp: demoCompanies.client.kpp,
    contactName: 'Пётр Сидоров',
    phone: '+7 912 000-00-01',
  },
};

beforeAll(async () => {
  k = await companiesTestApp();
  customer = await k.cookieOf(demoPeople.customer.email);
  employee = await k.cookieOf(demoPeople.employee.email);
  owner = await k.cookieOf(demoPeople.owner.email);
  buyer = await k.cookieOf(demoPeople.buyer.email);
  supplier = await k.cookieOf(demoPeople.supplier.email);
  dealerId = await k.companyIdOf(owner, demoCompanies.dealer.name);
  supplierId = await k.companyIdOf(supplier, demoCompanies.supplier.name);
});
afterAll(async () => k?.t.close());

const me = '/api/v1/me/addresses';
const org = (id: string) => `/api/v1/orgs/${id}/addresses`;
const userIdOf = async (cookie: string) =>
  (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().user.id as string;

describe('personal addresses', () => {
  it('needs a signed-in person', async () => {
    expect((await k.as(undefined)('GET', me)).statusCode).toBe(401);
    expect((await k.as(undefined)('POST', me, home)).statusCode).toBe(401);
    expect((await k.as(k.operator)('GET', me)).statusCode).toBe(403);
  });

  it('adds, lists, changes and deletes my addresses; the first is the default', async () => {
    const empty = await k.as(customer)('GET', me);
    expect(empty.json()).toEqual({ items: [], limit: addressBookLimit });

    const created = await k.as(customer)('POST', me, home);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      label: 'Дом',
      phone: '+79161234567',
      flat: '12',
      location: { lat: 55.76, lon: 37.63 },
      consignee: null,
      isDefault: true,
    });
    const id = created.json().id;

    const changed = await k.as(customer)('PATCH', `${me}/${id}`, {
      label: 'Дача',
      flat: null,
      location: null,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ label: 'Дача', flat: null, location: null, city: 'Москва' });

    const list = (await k.as(customer)('GET', me)).json().items;
    expect(list.map((a: { id: string }) => a.id)).toEqual([id]);

    expect((await k.as(customer)('DELETE', `${me}/${id}`)).statusCode).toBe(204);
    expect((await k.as(customer)('GET', me)).json().items).toEqual([]);
  });

  it('keeps exactly one default: a new default clears the old, deleting it promotes the oldest', async () => {
    const first = (await k.as(employee)('POST', me, home)).json();
    const second = (await k.as(employee)('POST', me, { ...home, label: 'Работа' })).json();
    expect([first.isDefault, second.isDefault]).toEqual([true, false]);

    const third = (await k.as(employee)('POST', me, { ...home, label: 'Дача', isDefault: true })).json();
    expect(third.isDefault).toBe(true);
    const defaults = async () =>
      (await k.as(employee)('GET', me))
        .json()
        .items.filter((a: { isDefault: boolean }) => a.isDefault)
        .map((a: { id: string }) => a.id);
    expect(await defaults()).toEqual([third.id]);

    const switched = await k.as(employee)('PUT', `${me}/${second.id}/default`);
    expect(switched.statusCode).toBe(200);
    expect(switched.json().items[0]).toMatchObject({ id: second.id, isDefault: true });
    expect(await defaults()).toEqual([second.id]);

    await k.as(employee)('DELETE', `${me}/${second.id}`);
    expect(await defaults()).toEqual([first.id]);
  });

  it('refuses bad input with 400 and the field at fault', async () => {
    const bad: [object, string][] = [
      [{ ...home, postalCode: '12345' }, 'postalCode'],
      [{ ...home, phone: '123' }, 'phone'],
      [{ ...home, label: '   ' }, 'label'],
      [{ ...home, location: { lat: 91, lon: 0 } }, 'location'],
      [{ ...home, location: { lat: 0, lon: -181 } }, 'location'],
      [{ ...home, line: undefined }, 'line'],
    ];
    for (const [body, field] of bad) {
      const res = await k.as(customer)('POST', me, body);
      expect(res.statusCode, field).toBe(400);
      expect(JSON.stringify(res.json().errors), field).toContain(field);
    }
    const patch = await k.as(customer)('PATCH', `${me}/0190e2a4-0000-7000-8000-000000000000`, {
      postalCode: 'abcdef',
    });
    expect(patch.statusCode).toBe(400);
    expect((await k.as(customer)('PATCH', `${me}/not-a-uuid`, { label: 'x' })).statusCode).toBe(400);
  });

  it('answers 404 for another person’s address and never changes it', async () => {
    const mine = (await k.as(customer)('POST', me, home)).json();
    for (const [method, url, body] of [
      ['PATCH', `${me}/${mine.id}`, { label: 'Чужой' }],
      ['PUT', `${me}/${mine.id}/default`, undefined],
      ['DELETE', `${me}/${mine.id}`, undefined],
    ] as const) {
      const res = await k.as(employee)(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(JSON.stringify((await k.as(employee)('GET', me)).json())).not.toContain(mine.id);
    // A company's address is not in a person's book either.
    const companyAddress = (await k.as(owner)('POST', org(dealerId), warehouse)).json();
    expect((await k.as(owner)('PATCH', `${me}/${companyAddress.id}`, { label: 'x' })).statusCode).toBe(404);
    expect((await k.as(customer)('GET', me)).json().items[0]).toMatchObject({ id: mine.id, label: 'Дом' });
  });

  it('refuses a 51st address with ADDRESS_BOOK_FULL', async () => {
    const cookie = buyer;
    const have = (await k.as(cookie)('GET', me)).json().items.length;
    for (let i = have; i < addressBookLimit; i++) {
      expect((await k.as(cookie)('POST', me, { ...home, label: `Адрес ${i}` })).statusCode).toBe(201);
    }
    const full = await k.as(cookie)('POST', me, home);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('ADDRESS_BOOK_FULL');
    expect((await k.as(cookie)('GET', me)).json().items).toHaveLength(addressBookLimit);
  });

  it('exports and erases the person’s addresses as personal data', async () => {
    const userId = await userIdOf(employee);
    const provider = addressesPersonalData[0];
    if (!provider) throw new Error('no provider');
    const ctx = {
      db: k.t.db,
      storage: undefined as never,
      userId,
      person: { email: demoPeople.employee.email, name: demoPeople.employee.name, phone: null },
    };
    const exported = (await provider.export(ctx)) as { label: string; phone: string }[];
    expect(exported.length).toBeGreaterThan(0);
    expect(exported[0]).toMatchObject({ phone: '+79161234567' });
    await provider.erase(ctx);
    expect((await k.as(employee)('GET', me)).json().items).toEqual([]);
    expect((await k.as(customer)('GET', me)).json().items.length).toBeGreaterThan(0);
  });
});

describe('company addresses', () => {
  it('lets the owner manage addresses with a consignee, and a buyer read them', async () => {
    const created = await k.as(owner)('POST', org(dealerId), warehouse);
    expect(created.statusCode).toBe(201);
    expect(created.json().consignee).toEqual({
      ...warehouse.consignee,
      phone: '+79120000001',
    });
    const id = created.json().id;

    const removed = await k.as(owner)('PATCH', `${org(dealerId)}/${id}`, { consignee: null });
    expect(removed.json().consignee).toBeNull();
    const soleTrader = await k.as(owner)('PATCH', `${org(dealerId)}/${id}`, {
      consignee: { name: 'ИП Сидоров', inn: '500100732259' },
    });
    expect(soleTrader.statusCode).toBe(200);
    expect(soleTrader.json().consignee).toMatchObject({ inn: '500100732259', kpp: null });

    const seen = await k.as(buyer)('GET', org(dealerId));
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('keeps one default per company, apart from people’s books', async () => {
    const list = async () => (await k.as(owner)('GET', org(dealerId))).json().items;
    const before = await list();
    const next = (
      await k.as(owner)('POST', org(dealerId), { ...warehouse, label: 'Офис', isDefault: true })
    ).json();
    expect(next.isDefault).toBe(true);
    const after = await list();
    expect(after.filter((a: { isDefault: boolean }) => a.isDefault).map((a: { id: string }) => a.id)).toEqual(
      [next.id],
    );
    expect(after).toHaveLength(before.length + 1);
    const back = await k.as(owner)('PUT', `${org(dealerId)}/${before[0].id}/default`);
    expect(back.json().items[0]).toMatchObject({ id: before[0].id, isDefault: true });
    expect(back.json().items.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
  });

  it('refuses a buyer’s writes with 403 (no addresses.manage)', async () => {
    const [existing] = (await k.as(owner)('GET', org(dealerId))).json().items;
    expect((await k.as(buyer)('POST', org(dealerId), warehouse)).statusCode).toBe(403);
    expect((await k.as(buyer)('PATCH', `${org(dealerId)}/${existing.id}`, { label: 'x' })).statusCode).toBe(
      403,
    );
    expect((await k.as(buyer)('PUT', `${org(dealerId)}/${existing.id}/default`)).statusCode).toBe(403);
    expect((await k.as(buyer)('DELETE', `${org(dealerId)}/${existing.id}`)).statusCode).toBe(403);
  });

  it('validates the consignee’s INN and KPP', async () => {
    const bad: [object, string][] = [
      [{ ...warehouse.consignee, inn: '7707123450' }, 'inn'],
      [{ ...warehouse.consignee, kpp: '12' }, 'kpp'],
      [{ ...warehouse.consignee, kpp: undefined }, 'kpp'],
      [{ name: 'ИП Сидоров', inn: '500100732259', kpp: '773601001' }, 'kpp'],
      [{ ...warehouse.consignee, phone: 'не телефон' }, 'phone'],
    ];
    for (const [consignee, field] of bad) {
      const res = await k.as(owner)('POST', org(dealerId), { ...warehouse, consignee });
      expect(res.statusCode, field).toBe(400);
      expect(JSON.stringify(res.json().errors), field).toContain(`consignee.${field}`);
    }
  });

  it('answers 404 for another company’s address, and a personal address in a company', async () => {
    const ofSupplier = (await k.as(supplier)('POST', org(supplierId), warehouse)).json();
    for (const [method, body] of [
      ['PATCH', { label: 'Взлом' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await k.as(owner)(method, `${org(dealerId)}/${ofSupplier.id}`, body);
      expect(res.statusCode).toBe(404);
    }
    expect((await k.as(owner)('PUT', `${org(dealerId)}/${ofSupplier.id}/default`)).statusCode).toBe(404);
    expect((await k.as(owner)('GET', org(supplierId))).statusCode).toBe(404);
    const personal = (await k.as(owner)('POST', me, home)).json();
    expect((await k.as(owner)('DELETE', `${org(dealerId)}/${personal.id}`)).statusCode).toBe(404);
    expect((await k.as(supplier)('GET', org(supplierId))).json().items[0]).toMatchObject({ label: 'Склад' });
  });
});

describe('addressForCheckout', () => {
  it('returns the owner’s snapshot, and null for anyone else’s or a malformed id', async () => {
    const created = (await k.as(owner)('POST', org(dealerId), { ...warehouse, label: 'Для заказа' })).json();
    const dealer = { kind: 'company', companyId: dealerId } as const;
    const snapshot = await addressForCheckout(k.t.db, dealer, created.id);
    expect(snapshot).toMatchObject({
      id: created.id,
      label: 'Для заказа',
      consignee: { inn: warehouse.consignee.inn },
    });
    expect(snapshot).not.toHaveProperty('isDefault');
    expect(
      await addressForCheckout(k.t.db, { kind: 'company', companyId: supplierId }, created.id),
    ).toBeNull();
    const ownerId = await userIdOf(owner);
    expect(await addressForCheckout(k.t.db, { kind: 'person', userId: ownerId }, created.id)).toBeNull();
    expect(await addressForCheckout(k.t.db, dealer, 'nope')).toBeNull();
  });
});
