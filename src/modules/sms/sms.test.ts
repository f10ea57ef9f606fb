import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { queueSms } from './sms.service.js';
import { devSms } from './sms.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('SMS through the development provider', () => {
  it('delivers a queued message into the dev SMS table', async () => {
    await queueSms(t.db, { to: '+79161234567', text: 'Код: 123456', purpose: 'test' });
    await t.drainJobs();
    const rows = await t.db.select().from(devSms).where(eq(devSms.to, '+79161234567'));
    expect(rows.map((r) => [r.text, r.purpose])).toEqual([['Код: 123456', 'test']]);
  });

  it('refuses a number that is not E.164', async () => {
    await expect(queueSms(t.db, { to: '89161234567', text: 'x', purpose: 'test' })).rejects.toThrow(/E\.164/);
  });
});

describe('dev SMS inbox', () => {
  it('is read by staff with the dev-mailbox permission, filtered by number as typed', async () => {
    expect((await t.app.inject({ url: '/api/v1/admin/dev-sms' })).statusCode).toBe(401);
    const cookie = await t.operator();
    await queueSms(t.db, { to: '+79031112233', text: 'Код: 654321', purpose: 'sign-in' });
    await t.drainJobs();
    const list = await t.app.inject({ url: '/api/v1/admin/dev-sms?to=8 903 111-22-33', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({ to: '+79031112233', text: 'Код: 654321', purpose: 'sign-in' });
    const one = await t.app.inject({ url: `/api/v1/admin/dev-sms/${item.id}`, headers: { cookie } });
    expect(one.json()).toEqual(item);
    const missing = await t.app.inject({
      url: '/api/v1/admin/dev-sms/00000000-0000-7000-8000-000000000000',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
  });
});
