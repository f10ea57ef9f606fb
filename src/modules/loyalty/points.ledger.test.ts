import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { expireDuePoints, grantBirthdayBonuses } from './points.jobs.js';
import { availablePoints, ledgerSum } from './points.ledger.js';
import { ledgerConsistent } from './points.orders.js';
import { addDays, awardPoints, pointsBalance, pointsHistory, spendPointsOnOrder } from './points.service.js';
import { loyaltyBirthdays } from './points.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day0 = new Date('2026-03-01T09:00:00Z');
const person = () => `p-${randomUUID()}`;
const award = (personId: string, points: number, expiresInDays: number, key: string, now = day0) =>
  awardPoints(t.db, {
    personId,
    points,
    kind: 'promotion',
    reason: `Тест ${key}`,
    key: `${personId}:${key}`,
    expiresAt: addDays(day0, expiresInDays),
    now,
  });
const spend = (personId: string, points: number, now = day0, payable = 1_000_000_00) =>
  t.db.transaction((tx) => spendPointsOnOrder(tx, { personId, orderId: randomUUID(), points, payable, now }));

async function expectConsistent(personId: string) {
  const { sum, remaining } = await ledgerConsistent(t.db, personId);
  expect(sum).toBe(remaining);
  expect(sum).toBeGreaterThanOrEqual(0);
}

describe('points ledger (fixed clocks)', () => {
  it('spends the earliest-expiring points first and burns what is left at expiry', async () => {
    const p = person();
    await award(p, 100, 10, 'a');
    await award(p, 100, 5, 'b');
    await award(p, 100, 20, 'c');
    const spent = await spend(p, 150);
    expect(spent).toMatchObject({ points: 150, amount: 15_000, limitedBy: null });
    const lots = await queryRows<{ reason: string; remaining: number }>(
      t.db,
      sql`select reason, remaining from loyalty_point_entries where person_id = ${p} and points > 0 order by expires_at`,
    );
    expect(lots.map((l) => l.remaining)).toEqual([0, 50, 100]);
    await expectConsistent(p);

    // Day 11: lot "a" (50 left) burns; lot "b" was spent out; lot "c" lives on.
    expect(await expireDuePoints(t.db, addDays(day0, 11))).toBeGreaterThanOrEqual(50);
    expect(await ledgerSum(t.db, p)).toBe(100);
    expect(await availablePoints(t.db, p, addDays(day0, 11))).toBe(100);
    const history = await pointsHistory(t.db, p, { limit: 10 });
    expect(history.items.map((e) => e.kind)).toContain('expiration');
    await expectConsistent(p);
    // The expiry job run again finds nothing.
    await expireDuePoints(t.db, addDays(day0, 12));
    expect(await ledgerSum(t.db, p)).toBe(100);
  });

  it('does not spend lots past their expiry even before the job burnt them', async () => {
    const p = person();
    await award(p, 100, 3, 'old');
    await award(p, 40, 30, 'new');
    const later = addDays(day0, 4);
    await expect(spend(p, 100, later)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await spend(p, 40, later)).points).toBe(40);
    // The spend's transaction burnt the overdue lot first.
    expect(await ledgerSum(t.db, p)).toBe(0);
    await expectConsistent(p);
  });

  it('limits the points to the configured share of the order and refuses a short balance precisely', async () => {
    const p = person();
    await award(p, 100, 30, 'a');
    // 30 % of 100 ₽ is 30 ₽ = 30 points.
    const preview = await spendPointsOnOrder(t.db, {
      personId: p,
      orderId: null,
      points: 50,
      payable: 10_000,
      now: day0,
    });
    expect(preview).toMatchObject({ points: 30, amount: 3000, limitedBy: 'share' });
    expect(await ledgerSum(t.db, p)).toBe(100); // a preview writes nothing
    const short = await spend(p, 101).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(AppError);
    expect((short as AppError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((short as AppError).errors)).toContain('bonusPoints');
    expect(JSON.stringify((short as AppError).errors)).toContain('100');
  });

  it('awards once per key and reports the expiry schedule by date', async () => {
    const p = person();
    expect((await award(p, 70, 5, 'k')).awarded).toBe(true);
    expect((await award(p, 70, 5, 'k')).awarded).toBe(false);
    await award(p, 30, 40, 'l');
    const balance = await pointsBalance(t.db, p, day0);
    expect(balance.points).toBe(100);
    expect(balance.expiring.map((e) => e.points)).toEqual([70, 30]);
    expect(balance.expiring[0]?.at).toBe(addDays(day0, 5).toISOString());
  });

  it('50 concurrent spends in separate transactions never drive the balance below zero', async () => {
    const p = person();
    await award(p, 1000, 100, 'pool');
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => spend(p, 30)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(33);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('VALIDATION_FAILED');
    expect(await ledgerSum(t.db, p)).toBe(10);
    await expectConsistent(p);
    const negative = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from loyalty_point_entries where remaining < 0`,
    );
    expect(negative).toEqual([{ n: 0 }]);
  });

  it('gives the birthday bonus once a year with its short lifetime', async () => {
    const p = person();
    await t.db.insert(loyaltyBirthdays).values({ personId: p, birthDate: '1990-03-01' });
    expect(await grantBirthdayBonuses(t.db, day0)).toBeGreaterThanOrEqual(1);
    await grantBirthdayBonuses(t.db, day0);
    const balance = await pointsBalance(t.db, p, day0);
    expect(balance.points).toBe(300);
    expect(balance.expiring[0]?.at).toBe(addDays(day0, 30).toISOString());
    expect(await grantBirthdayBonuses(t.db, addDays(day0, 1))).toBe(0);
  });
});
