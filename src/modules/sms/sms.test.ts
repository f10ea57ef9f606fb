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
