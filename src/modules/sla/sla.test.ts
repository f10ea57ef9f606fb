import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import { companiesTestApp, demoPeople } from '../companies/companies.testkit.js';
import { businessMinutesBetween, slaDeadlines } from './sla.service.js';
import { slaCalendarDays } from './sla.tables.js';

type Kit = Awaited<ReturnType<typeof companiesTestApp>>;
let k: Kit;
let admin: ReturnType<Kit['as']>;
let support: ReturnType<Kit['as']>;
let groupId: string;
const api = '/api/v1/admin/sla';
const missing = '0190e2a4-0000-7000-8000-000000000000';
// Friday 13 March 2026, 17:30 in Moscow: half an hour before the default calendar closes.
const friday = '2026-03-13T17:30:00+03:00';
const msk = (local: string) => new Date(`${local}+03:00`).toISOString();

const preview = async (query: string) => {
  const res = await admin('GET', `${api}/preview?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { policyId: string | null; firstResponseDueAt: string; resolutionDueAt: string };
};
const auditOf = (action: string) => k.t.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  k = await companiesTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  support = k.as(await k.cookieOf(demoPeople.support.email));
  groupId = (await admin('GET', `${api}/customer-groups`)).json().items[0].id;
});
afterAll(async () => k?.t.close());

describe('access', () => {
  it('needs support.manage: 401 signed out, 403 for a support agent without it', async () => {
    for (const path of ['calendar', 'days', 'policies', 'customer-groups', 'preview?priority=high']) {
      expect((await k.as(undefined)('GET', `${api}/${path}`)).statusCode, path).toBe(401);
      expect((await support('GET', `${api}/${path}`)).statusCode, path).toBe(403);
      expect((await admin('GET', `${api}/${path}`)).statusCode, path).toBe(200);
    }
    expect((await support('POST', `${api}/days`, { date: '2026-03-16' })).statusCode).toBe(403);
    expect(
      (
        await support('POST', `${api}/policies`, {
          priority: 'low',
          firstResponseMinutes: 1,
          resolutionMinutes: 2,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('defaults', () => {
  it('is Monday–Friday 09:00–18:00 Moscow with the four default policies and the 2026 holidays', async () => {
    const calendar = (await admin('GET', `${api}/calendar`)).json();
    expect(calendar.timeZone).toBe('Europe/Moscow');
    expect(calendar.weeklyHours.fri).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(calendar.weeklyHours.sat).toEqual([]);
    const policies = (await admin('GET', `${api}/policies`)).json().items;
    expect(
      policies.map((p: { priority: string; firstResponseMinutes: number; resolutionMinutes: number }) => [
        p.priority,
        p.firstResponseMinutes,
        p.resolutionMinutes,
      ]),
    ).toEqual([
      ['urgent', 30, 240],
      ['high', 60, 480],
      ['normal', 240, 1440],
      ['low', 480, 2400],
    ]);
    const days = (await admin('GET', `${api}/days?year=2026`))
      .json()
      .items.map((d: { date: string }) => d.date);
    expect(days).toContain('2026-01-09');
    expect(days).toContain('2026-12-31');
    expect(days.every((d: string) => d.startsWith('2026-'))).toBe(true);
  });
});

describe('deadlines', () => {
  it('the preview equals slaDeadlines, counted in business hours', async () => {
    const start = new Date(friday);
    const p = await preview(`priority=high&start=${encodeURIComponent(friday)}`);
    const d = await slaDeadlines(k.t.db, { priority: 'high', customerGroupId: null, start });
    expect(p.policyId).toBe(d.policyId);
    expect(p.firstResponseDueAt).toBe(d.firstResponseDueAt.toISOString());
    expect(p.resolutionDueAt).toBe(d.resolutionDueAt.toISOString());
    // 30 minutes on Friday, 30 on Monday; of 8 hours 7.5 are left for Monday, so 16:30.
    expect(p.firstResponseDueAt).toBe(msk('2026-03-16T09:30:00'));
    expect(p.resolutionDueAt).toBe(msk('2026-03-16T16:30:00'));
    expect(await businessMinutesBetween(k.t.db, start, new Date(p.firstResponseDueAt))).toBe(60);
  });

  it('skips the seeded New Year holidays and the 2026 transfer to 31 December', async () => {
    const d = await slaDeadlines(k.t.db, {
      priority: 'urgent',
      customerGroupId: null,
      start: new Date('2026-12-30T17:45:00+03:00'),
    });
    expect(d.firstResponseDueAt.toISOString()).toBe(msk('2027-01-11T09:15:00'));
  });

  it('an added holiday moves the deadline and is audited; removing it moves it back', async () => {
    const added = await admin('POST', `${api}/days`, { date: '2026-03-16', name: 'Офис закрыт' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ date: '2026-03-16', kind: 'holiday', hours: null });
    expect((await preview(`priority=high&start=${encodeURIComponent(friday)}`)).firstResponseDueAt).toBe(
      msk('2026-03-17T09:30:00'),
    );
    expect(await auditOf('sla.day_added')).toHaveLength(1);
    expect((await admin('POST', `${api}/days`, { date: '2026-03-16' })).statusCode).toBe(409);
    expect((await admin('DELETE', `${api}/days/2026-03-16`)).statusCode).toBe(204);
    expect((await admin('DELETE', `${api}/days/2026-03-16`)).statusCode).toBe(404);
    expect(await auditOf('sla.day_deleted')).toHaveLength(1);
    expect((await preview(`priority=high&start=${encodeURIComponent(friday)}`)).firstResponseDueAt).toBe(
      msk('2026-03-16T09:30:00'),
    );
  });

  it('a transferred working Saturday counts with its hours', async () => {
    const res = await admin('POST', `${api}/days`, {
      date: '2026-03-14',
      kind: 'workday',
      name: 'Рабочая суббота',
      hours: [{ start: '10:00', end: '15:00' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await preview(`priority=high&start=${encodeURIComponent(friday)}`)).firstResponseDueAt).toBe(
      msk('2026-03-14T10:30:00'),
    );
    await admin('DELETE', `${api}/days/2026-03-14`);
  });

  it('inside a transaction reads the calendar the transaction sees, never a cache', async () => {
    await preview(`priority=high&start=${encodeURIComponent(friday)}`); // warms the process cache
    const rollback = new Error('rollback');
    await expect(
      k.t.db.transaction(async (tx) => {
        await tx.insert(slaCalendarDays).values({ date: '2026-03-16', kind: 'holiday', name: 'tx' });
        const d = await slaDeadlines(tx, {
          priority: 'high',
          customerGroupId: null,
          start: new Date(friday),
        });
        expect(d.firstResponseDueAt.toISOString()).toBe(msk('2026-03-17T09:30:00'));
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});

describe('bulk import', () => {
  it('adds and replaces dates, audited once', async () => {
    const days = [
      { date: '2028-01-03', name: 'Новогодние каникулы' },
      { date: '2028-01-04' },
      { date: '2028-01-08', kind: 'workday', hours: [{ start: '09:00', end: '17:00' }] },
    ];
    const res = await admin('POST', `${api}/days/import`, { days });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    const again = await admin('POST', `${api}/days/import`, {
      days: [{ date: '2028-01-04', name: 'Каникулы' }],
    });
    expect(again.json()).toEqual({ imported: 1 });
    const listed = (await admin('GET', `${api}/days?year=2028`)).json().items;
    expect(listed).toHaveLength(3);
    expect(listed[1]).toMatchObject({ date: '2028-01-04', name: 'Каникулы' });
    expect(listed[2]).toMatchObject({ kind: 'workday', hours: [{ start: '09:00', end: '17:00' }] });
    expect(await auditOf('sla.days_imported')).toHaveLength(2);
  });
});

describe('bad input is a 400, never a 500', () => {
  const week = (fri: unknown[]) => ({
    timeZone: 'Europe/Moscow',
    weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri, sat: [], sun: [] },
  });
  it.each([
    ['a time that is not a time', week([{ start: '25:00', end: '26:00' }])],
    ['an end before its start', week([{ start: '18:00', end: '09:00' }])],
    [
      'overlapping intervals',
      week([
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '18:00' },
      ]),
    ],
    ['a week with no working time', week([])],
    ['an unknown time zone', { ...week([{ start: '09:00', end: '18:00' }]), timeZone: 'Mars/Olympus' }],
    ['a missing day', { timeZone: 'Europe/Moscow', weeklyHours: { mon: [] } }],
  ])('refuses a calendar with %s', async (_, body) => {
    const res = await admin('PUT', `${api}/calendar`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad days, policies and previews', async () => {
    const bad: [string, string, object?][] = [
      ['POST', `${api}/days`, { date: '2026-02-30' }],
      ['POST', `${api}/days`, { date: '2026-03-21', kind: 'workday' }],
      [
        'POST',
        `${api}/days`,
        { date: '2026-03-21', kind: 'holiday', hours: [{ start: '09:00', end: '10:00' }] },
      ],
      ['POST', `${api}/days/import`, { days: [] }],
      ['DELETE', `${api}/days/yesterday`],
      ['POST', `${api}/policies`, { priority: 'critical', firstResponseMinutes: 1, resolutionMinutes: 2 }],
      ['POST', `${api}/policies`, { priority: 'low', firstResponseMinutes: 0, resolutionMinutes: 2 }],
      ['POST', `${api}/policies`, { priority: 'low', firstResponseMinutes: 60, resolutionMinutes: 30 }],
      [
        'POST',
        `${api}/policies`,
        { priority: 'low', customerGroupId: missing, firstResponseMinutes: 60, resolutionMinutes: 90 },
      ],
      ['PATCH', `${api}/policies/not-an-id`, { firstResponseMinutes: 5 }],
      ['GET', `${api}/preview?priority=critical`],
      ['GET', `${api}/preview?priority=high&start=tomorrow`],
      ['GET', `${api}/days?year=abc`],
    ];
    for (const [method, url, body] of bad) {
      const res = await admin(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
    }
    expect((await admin('GET', `${api}/preview?priority=high&customerGroupId=${missing}`)).statusCode).toBe(
      404,
    );
    expect((await admin('PATCH', `${api}/policies/${missing}`, { firstResponseMinutes: 5 })).statusCode).toBe(
      404,
    );
    expect((await admin('DELETE', `${api}/policies/${missing}`)).statusCode).toBe(404);
  });
});

describe('policies', () => {
  it('a group policy applies to that group only; deleting it falls back to the policy for everyone', async () => {
    const start = encodeURIComponent(friday);
    const created = await admin('POST', `${api}/policies`, {
      priority: 'high',
      customerGroupId: groupId,
      firstResponseMinutes: 15,
      resolutionMinutes: 120,
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json();
    expect(policy.customerGroupName).toBeTruthy();
    expect(
      (await preview(`priority=high&customerGroupId=${groupId}&start=${start}`)).firstResponseDueAt,
    ).toBe(msk('2026-03-13T17:45:00'));
    const d = await slaDeadlines(k.t.db, {
      priority: 'high',
      customerGroupId: groupId,
      start: new Date(friday),
    });
    expect(d.policyId).toBe(policy.id);
    expect((await preview(`priority=high&start=${start}`)).firstResponseDueAt).toBe(
      msk('2026-03-16T09:30:00'),
    );

    const dup = {
      priority: 'high',
      customerGroupId: groupId,
      firstResponseMinutes: 10,
      resolutionMinutes: 20,
    };
    expect((await admin('POST', `${api}/policies`, dup)).statusCode).toBe(409);
    const everyoneDup = { priority: 'urgent', firstResponseMinutes: 10, resolutionMinutes: 20 };
    expect((await admin('POST', `${api}/policies`, everyoneDup)).statusCode).toBe(409);

    const changed = await admin('PATCH', `${api}/policies/${policy.id}`, { firstResponseMinutes: 45 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ firstResponseMinutes: 45, resolutionMinutes: 120 });
    expect(
      (await admin('PATCH', `${api}/policies/${policy.id}`, { firstResponseMinutes: 500 })).statusCode,
    ).toBe(400);
    expect(
      (await preview(`priority=high&customerGroupId=${groupId}&start=${start}`)).firstResponseDueAt,
    ).toBe(msk('2026-03-16T09:15:00'));

    expect((await admin('DELETE', `${api}/policies/${policy.id}`)).statusCode).toBe(204);
    const fallback = await preview(`priority=high&customerGroupId=${groupId}&start=${start}`);
    expect(fallback.firstResponseDueAt).toBe(msk('2026-03-16T09:30:00'));
    expect(fallback.policyId).not.toBe(policy.id);
    for (const action of ['sla.policy_created', 'sla.policy_changed', 'sla.policy_deleted'])
      expect(await auditOf(action), action).toHaveLength(1);
    const [changedAudit] = await k.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sla.policy_changed'), eq(auditLog.subject, policy.id)));
    expect(changedAudit?.details).toMatchObject({ firstResponseMinutes: 45 });
  });

  it('without any policy for a priority, the built-in targets apply and policyId is null', async () => {
    const urgent = (await admin('GET', `${api}/policies`))
      .json()
      .items.find(
        (p: { priority: string; customerGroupId: string | null }) =>
          p.priority === 'urgent' && !p.customerGroupId,
      );
    expect((await admin('DELETE', `${api}/policies/${urgent.id}`)).statusCode).toBe(204);
    const p = await preview(`priority=urgent&start=${encodeURIComponent(friday)}`);
    expect(p.policyId).toBeNull();
    expect(p.firstResponseDueAt).toBe(msk('2026-03-13T18:00:00'));
  });
});

describe('the calendar', () => {
  it('a saved calendar changes the deadlines at once and is audited', async () => {
    const ten = [{ start: '10:00', end: '19:00' }];
    const body = {
      timeZone: 'Europe/Berlin',
      weeklyHours: { mon: ten, tue: ten, wed: ten, thu: ten, fri: ten, sat: [], sun: [] },
    };
    const res = await admin('PUT', `${api}/calendar`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(body);
    // 17:30 Moscow is 15:30 in Berlin: 60 minutes later, still on Friday.
    expect((await preview(`priority=high&start=${encodeURIComponent(friday)}`)).firstResponseDueAt).toBe(
      msk('2026-03-13T18:30:00'),
    );
    const [entry] = await auditOf('sla.calendar_changed');
    expect(entry?.details).toMatchObject({ timeZone: 'Europe/Berlin' });
  });
});
