import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { notificationsPersonalData } from './notifications.personal-data.js';
import { notify, unreadCount } from './notifications.service.js';

let k: CompaniesTestApp;
let customer: string;
let employee: string;
let customerId: string;
let employeeId: string;

const base = '/api/v1/me/notifications';
const userIdOf = async (cookie: string) =>
  (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().user.id as string;
const get = (cookie: string | undefined, url: string, language?: string) =>
  k.t.app.inject({
    url,
    headers: { origin, ...(cookie ? { cookie } : {}), ...(language ? { 'accept-language': language } : {}) },
  });
const statusChange = (n: number, userIds: string[]) =>
  notify(k.t.db, {
    userIds,
    kind: 'order.status',
    title: { ru: `Заказ ${n} отгружен`, en: `Order ${n} shipped` },
    body: { ru: `Заказ ${n} передан в доставку`, en: `Order ${n} is on its way` },
    link: `/orders/${n}`,
    data: { n },
  });

beforeAll(async () => {
  k = await companiesTestApp();
  customer = await k.cookieOf(demoPeople.customer.email);
  employee = await k.cookieOf(demoPeople.employee.email);
  customerId = await userIdOf(customer);
  employeeId = await userIdOf(employee);
});
afterAll(async () => k?.t.close());

describe('notifications', () => {
  it('needs a signed-in person', async () => {
    expect((await get(undefined, base)).statusCode).toBe(401);
    expect((await get(undefined, `${base}/unread-count`)).statusCode).toBe(401);
    expect((await k.as(undefined)('POST', `${base}/read`, { all: true })).statusCode).toBe(401);
    expect((await get(k.operator, base)).statusCode).toBe(403);
  });

  it('starts empty', async () => {
    expect((await get(customer, base)).json()).toEqual({ items: [], nextCursor: null });
    expect((await get(customer, `${base}/unread-count`)).json()).toEqual({ count: 0 });
  });

  it('sends one per person (duplicates ignored) and lists it in the request’s language', async () => {
    const ids = await statusChange(1, [customerId, customerId, employeeId]);
    expect(ids).toHaveLength(2);

    const ru = (await get(customer, base, 'ru-RU,ru;q=0.9')).json();
    expect(ru.items).toHaveLength(1);
    expect(ru.items[0]).toMatchObject({
      kind: 'order.status',
      title: 'Заказ 1 отгружен',
      body: 'Заказ 1 передан в доставку',
      link: '/orders/1',
      data: { n: 1 },
      readAt: null,
    });
    expect(Object.keys(ru.items[0]).sort()).toEqual(
      ['body', 'createdAt', 'data', 'id', 'kind', 'link', 'readAt', 'title'].sort(),
    );
    const en = (await get(customer, base, 'en-US,en;q=0.9')).json();
    expect(en.items[0]).toMatchObject({ title: 'Order 1 shipped', body: 'Order 1 is on its way' });
    // Without a header the person's profile language (Russian for the demo people) decides.
    expect((await get(customer, base)).json().items[0].title).toBe('Заказ 1 отгружен');
    expect((await get(customer, `${base}/unread-count`)).json()).toEqual({ count: 1 });
    expect((await get(employee, `${base}/unread-count`)).json()).toEqual({ count: 1 });
  });

  it('sends inside the caller’s transaction: a rollback sends nothing', async () => {
    await expect(
      k.t.db.transaction(async (tx) => {
        await notify(tx, {
          userIds: [customerId],
          kind: 'test.rollback',
          title: { ru: 'x', en: 'x' },
          body: { ru: 'x', en: 'x' },
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await unreadCount(k.t.db, customerId)).toBe(1);
    expect(
      await notify(k.t.db, { userIds: [], kind: 'x', title: { ru: '', en: '' }, body: { ru: '', en: '' } }),
    ).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    for (let n = 2; n <= 6; n++) await statusChange(n, [customerId]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = (
        await get(customer, `${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'en')
      ).json();
      seen.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1].map((n) => `Order ${n} shipped`));
  });

  it('marks some read, then all; unreadOnly lists what is left', async () => {
    const list = (await get(customer, `${base}?limit=100`)).json();
    const [first, second] = list.items;
    const some = await k.as(customer)('POST', `${base}/read`, { ids: [first.id, second.id] });
    expect(some.statusCode).toBe(200);
    expect(some.json()).toEqual({ marked: 2, count: 4 });
    // Marking again changes nothing.
    expect((await k.as(customer)('POST', `${base}/read`, { ids: [first.id] })).json()).toEqual({
      marked: 0,
      count: 4,
    });
    const unread = (await get(customer, `${base}?unreadOnly=true`)).json();
    expect(unread.items).toHaveLength(4);
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    const read = (await get(customer, base)).json().items[0];
    expect(read.readAt).toEqual(expect.any(String));

    expect((await k.as(customer)('POST', `${base}/read`, { all: true })).json()).toEqual({
      marked: 4,
      count: 0,
    });
    expect((await get(customer, `${base}/unread-count`)).json()).toEqual({ count: 0 });
  });

  it('leaves another person’s notifications untouched', async () => {
    const [theirs] = (await get(employee, base)).json().items;
    const attempt = await k.as(customer)('POST', `${base}/read`, { ids: [theirs.id] });
    expect(attempt.statusCode).toBe(200);
    expect(attempt.json()).toEqual({ marked: 0, count: 0 });
    await k.as(customer)('POST', `${base}/read`, { all: true });
    expect((await get(employee, `${base}/unread-count`)).json()).toEqual({ count: 1 });
    expect((await get(employee, base)).json().items[0].readAt).toBeNull();
    // And it never shows up in my list.
    const mine = (await get(customer, `${base}?limit=100`)).json().items.map((i: { id: string }) => i.id);
    expect(mine).not.toContain(theirs.id);
  });

  it('tells the owners when staff approve or reject their company', async () => {
    const register = async (name: string, inn: string) =>
      (
        await k.as(employee)('POST', '/api/v1/me/companies', {
          name,
          legalName: `ООО «${name}»`,
          inn,
        })
      ).json().id as string;
    const approved = await register('Уведомления', '7728168971');
    const rejected = await register('Отказ', '7736050003');
    await k.as(k.operator)('POST', `/api/v1/admin/companies/${approved}/approve`);
    await k.as(k.operator)('POST', `/api/v1/admin/companies/${rejected}/reject`);
    const items = (await get(employee, base, 'en')).json().items;
    expect(items.slice(0, 2)).toMatchObject([
      { kind: 'company.rejected', title: 'Company “Отказ” not approved', link: null },
      {
        kind: 'company.approved',
        title: 'Company “Уведомления” approved',
        link: `/orgs/${approved}`,
        data: { companyId: approved },
      },
    ]);
    await k.as(employee)('POST', `${base}/read`, { all: true });
  });

  it('rejects bad input with 400', async () => {
    const post = (body: object) => k.as(customer)('POST', `${base}/read`, body);
    for (const body of [
      {},
      { ids: [] },
      { ids: ['not-a-uuid'] },
      { all: false },
      { all: true, ids: ['0190c3f5-2c4e-7000-8000-000000000000'] },
      { ids: Array.from({ length: 101 }, () => '0190c3f5-2c4e-7000-8000-000000000000') },
    ]) {
      expect((await post(body)).statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await get(customer, `${base}?limit=0`)).statusCode).toBe(400);
    expect((await get(customer, `${base}?limit=101`)).statusCode).toBe(400);
    expect((await get(customer, `${base}?unreadOnly=yes`)).statusCode).toBe(400);
    const tampered = await get(customer, `${base}?cursor=garbage`);
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().code).toBe('VALIDATION_FAILED');
  });

  it('exports and erases the person’s notifications', async () => {
    const [provider] = notificationsPersonalData;
    if (!provider) throw new Error('no provider');
    const ctx = {
      db: k.t.db,
      storage: {} as never,
      userId: employeeId,
      person: { email: demoPeople.employee.email, name: '', phone: null },
    };
    const exported = (await provider.export(ctx)) as { title: { ru: string; en: string } }[];
    expect(exported).toHaveLength(3);
    expect(exported[0]?.title).toEqual({ ru: 'Заказ 1 отгружен', en: 'Order 1 shipped' });
    await provider.erase(ctx);
    expect(await provider.export(ctx)).toEqual([]);
    expect(await unreadCount(k.t.db, customerId)).toBe(0);
    expect((await get(customer, `${base}?limit=100`)).json().items).toHaveLength(6);
  });
});
