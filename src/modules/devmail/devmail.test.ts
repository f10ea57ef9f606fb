import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testOrigin } from '../../test/app.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await buildTestApp();
  cookie = await t.operator();
});
afterAll(async () => t?.close());

const sendTest = (to: string, locale?: 'ru' | 'en') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/mail/test',
    headers: { cookie, origin: testOrigin },
    payload: { to, locale },
  });

describe('dev mailbox', () => {
  it('requires a signed-in operator', async () => {
    expect((await t.app.inject({ url: '/api/v1/admin/dev-mailbox' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/admin/mail/test', payload: { to: 'a@b.ru' } }))
        .statusCode,
    ).toBe(401);
  });

  it('catches queued mail, rendered in the recipient language', async () => {
    expect((await sendTest('Ivan@Example.ru')).statusCode).toBe(202);
    expect((await sendTest('john@example.com', 'en')).statusCode).toBe(202);
    const before = await t.app.inject({ url: '/api/v1/admin/dev-mailbox', headers: { cookie } });
    expect(before.json().items).toEqual([]);

    await t.drainJobs();
    const list = await t.app.inject({ url: '/api/v1/admin/dev-mailbox', headers: { cookie } });
    const items = list.json().items;
    // Jobs run concurrently, so the two messages may land in either order.
    expect(items.map((m: { to: string; subject: string }) => [m.to, m.subject]).sort()).toEqual([
      ['ivan@example.ru', 'Проверка почты Kabinet'],
      ['john@example.com', 'Kabinet mail check'],
    ]);

    const john = items.find((m: { to: string }) => m.to === 'john@example.com');
    const one = await t.app.inject({ url: `/api/v1/admin/dev-mailbox/${john.id}`, headers: { cookie } });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ to: 'john@example.com', locale: 'en', template: 'mail.test' });
    expect(one.json().text).toContain('mail works');
  });

  it('filters by recipient and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await sendTest('pager@example.ru');
    await t.drainJobs();
    const first = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox?limit=2&to=pager@example.ru',
      headers: { cookie },
    });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?limit=2&to=pager@example.ru&cursor=${first.json().nextCursor}`,
      headers: { cookie },
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    const ids = [...first.json().items, ...second.json().items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('answers an unknown message with 404', async () => {
    const res = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox/0190e2a4-0000-7000-8000-000000000000',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
