import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay } from '../../shared/business-day.js';
import { type CompaniesTestApp, companiesTestApp, demoPeople } from '../companies/companies.testkit.js';
import { findPersonByEmail } from '../people/people.service.js';
import { insertQueueAndTopic, insertTicket } from './insights.testkit.js';

let k: CompaniesTestApp;
let admin: ReturnType<CompaniesTestApp['as']>;
let queueId: string;
let topicId: string;
let opA: string;
let opB: string;
const url = '/api/v1/admin/support/reports';
const period = 'from=2026-03-10&to=2026-03-12';

// Fixed tickets of one queue and topic (docs/support-reports.md defines each figure):
//   T1 created 00:30 Moscow on 10 March (21:30 UTC on the 9th): A, answered in 10 min, resolved in 100, CSAT 5
//   T2 10 March: A, answered in 20, resolved in 2000 (over the 1440 target), CSAT 4
//   T3 11 March: B, answered in 30, resolved in 300, CSAT 2
//   T4 12 March: B, answered in 300 (over the 240 target), still open
//   T5 12 March: nobody, no answer, new
//   outside: 00:30 Moscow on 13 March (resolved), and a merged duplicate on the 11th.
beforeAll(async () => {
  k = await companiesTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  ({ queueId, topicId } = await insertQueueAndTopic(k.t.db, 'reports'));
  opA = (await findPersonByEmail(k.t.db, demoPeople.admin.email))?.id as string;
  opB = (await findPersonByEmail(k.t.db, demoPeople.support.email))?.id as string;
  const customer = (await findPersonByEmail(k.t.db, demoPeople.customer.email))?.id as string;
  const base = { requesterId: customer, queueId, topicId };
  const at = (iso: string) => new Date(iso);
  await insertTicket(k.t.db, {
    ...base,
    assigneeId: opA,
    createdAt: at('2026-03-09T21:30:00Z'),
    respondedAfter: 10,
    resolvedAfter: 100,
    csat: 5,
  });
  await insertTicket(k.t.db, {
    ...base,
    assigneeId: opA,
    createdAt: at('2026-03-10T10:00:00Z'),
    respondedAfter: 20,
    resolvedAfter: 2000,
    csat: 4,
  });
  await insertTicket(k.t.db, {
    ...base,
    assigneeId: opB,
    createdAt: at('2026-03-11T09:00:00Z'),
    respondedAfter: 30,
    resolvedAfter: 300,
    csat: 2,
  });
  await insertTicket(k.t.db, {
    ...base,
    assigneeId: opB,
    createdAt: at('2026-03-12T09:00:00Z'),
    respondedAfter: 300,
    status: 'open',
  });
  await insertTicket(k.t.db, { ...base, createdAt: at('2026-03-12T10:00:00Z'), status: 'new' });
  await insertTicket(k.t.db, {
    ...base,
    assigneeId: opA,
    createdAt: at('2026-03-12T21:30:00Z'),
    respondedAfter: 5,
    resolvedAfter: 6,
    csat: 1,
  });
  await insertTicket(k.t.db, {
    ...base,
    createdAt: at('2026-03-11T12:00:00Z'),
    status: 'merged',
    respondedAfter: 1,
    csat: 1,
  });
}, 180_000);
afterAll(async () => k?.t.close());

describe('support reports', () => {
  it('compute every figure of the period from the tickets', async () => {
    const res = await admin('GET', `${url}?${period}&queueId=${queueId}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.period).toEqual({ from: '2026-03-10', to: '2026-03-12' });
    expect(r.totals).toEqual({
      created: 5,
      resolved: 3,
      openNow: 2,
      firstResponseBreached: 2,
      resolutionBreached: 3,
    });
    expect(r.byDay).toEqual([
      { date: '2026-03-10', created: 2, resolved: 2 },
      { date: '2026-03-11', created: 1, resolved: 1 },
      { date: '2026-03-12', created: 2, resolved: 0 },
    ]);
    // Answer times 10, 20, 30, 300: median (20+30)/2; p90 at position 0.9·3 = 2.7 → 30 + 0.7·270.
    expect(r.firstResponse).toEqual({
      count: 4,
      medianMinutes: 25,
      p90Minutes: 219,
      measured: 5,
      withinSla: 3,
      withinSlaShare: 0.6,
    });
    // Resolution times 100, 300, 2000: p90 at 0.9·2 = 1.8 → 300 + 0.8·1700; T4 and T5 are past their target.
    expect(r.resolution).toEqual({
      count: 3,
      medianMinutes: 300,
      p90Minutes: 1660,
      measured: 5,
      withinSla: 2,
      withinSlaShare: 0.4,
    });
    expect(r.csat).toEqual({
      average: 3.67,
      count: 3,
      distribution: [
        { rating: 1, count: 0 },
        { rating: 2, count: 1 },
        { rating: 3, count: 0 },
        { rating: 4, count: 1 },
        { rating: 5, count: 1 },
      ],
      satisfiedShare: 0.6667,
    });
    expect(r.byTopic).toEqual([
      {
        topicId,
        nameRu: 'Тема reports',
        nameEn: 'Topic reports',
        created: 5,
        resolved: 3,
        medianFirstResponseMinutes: 25,
        csatAverage: 3.67,
      },
    ]);
    expect(r.operators).toHaveLength(2);
    expect(r.operators.find((o: { operatorId: string }) => o.operatorId === opA)).toEqual({
      operatorId: opA,
      name: demoPeople.admin.name,
      assigned: 2,
      responded: 2,
      resolved: 2,
      medianFirstResponseMinutes: 15,
      csatAverage: 4.5,
      csatCount: 2,
    });
    expect(r.operators.find((o: { operatorId: string }) => o.operatorId === opB)).toEqual({
      operatorId: opB,
      name: demoPeople.support.name,
      assigned: 2,
      responded: 2,
      resolved: 1,
      medianFirstResponseMinutes: 165,
      csatAverage: 2,
      csatCount: 1,
    });
  });

  it('filter by topic: the same tickets by their topic, none for another topic', async () => {
    const same = (await admin('GET', `${url}?${period}&topicId=${topicId}`)).json();
    expect(same.totals.created).toBe(5);
    const other = (await admin('GET', `${url}?${period}&topicId=${uuidv7()}`)).json();
    expect(other.totals.created).toBe(0);
    expect(other.byTopic).toEqual([]);
  });

  it('list the queues and topics to filter by', async () => {
    const res = await admin('GET', `${url}/filters`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.queues).toContainEqual({
      id: queueId,
      nameRu: 'Очередь reports',
      nameEn: 'Queue reports',
      active: true,
    });
    expect(f.topics.map((t: { id: string }) => t.id)).toContain(topicId);
  });

  it('give zeros, not errors, for a period without requests', async () => {
    const res = await admin('GET', `${url}?from=2020-02-01&to=2020-02-29&queueId=${queueId}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.totals).toEqual({
      created: 0,
      resolved: 0,
      openNow: 2,
      firstResponseBreached: 0,
      resolutionBreached: 0,
    });
    expect(r.byDay).toHaveLength(29);
    expect(r.byDay.every((d: { created: number }) => d.created === 0)).toBe(true);
    expect(r.firstResponse).toEqual({
      count: 0,
      medianMinutes: null,
      p90Minutes: null,
      measured: 0,
      withinSla: 0,
      withinSlaShare: null,
    });
    expect(r.csat.average).toBeNull();
    expect(r.csat.satisfiedShare).toBeNull();
    expect(r.csat.distribution.map((d: { count: number }) => d.count)).toEqual([0, 0, 0, 0, 0]);
    expect(r.operators).toEqual([]);
  });

  it('default to the last 30 days up to today', async () => {
    const r = (await admin('GET', url)).json();
    expect(r.period.to).toBe(businessDay());
    expect(r.byDay).toHaveLength(30);
    expect(r.byDay[0].date).toBe(r.period.from);
  });

  it('refuse bad parameters with 400', async () => {
    for (const q of [
      'from=2026-03-10&to=2026-03-01',
      'from=2025-01-01&to=2026-03-01',
      'from=yesterday',
      'queueId=42',
      'topicId=x',
    ]) {
      const res = await admin('GET', `${url}?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().title ?? res.json().detail).toBeTruthy();
    }
  });

  it('are for support managers only: 401 signed out, 403 for a customer and for support without support.manage', async () => {
    const customer = k.as(await k.cookieOf(demoPeople.customer.email));
    const support = k.as(await k.cookieOf(demoPeople.support.email));
    for (const path of [url, `${url}.xlsx`, `${url}/filters`]) {
      expect((await k.as(undefined)('GET', path)).statusCode).toBe(401);
      expect((await customer('GET', path)).statusCode).toBe(403);
      expect((await support('GET', path)).statusCode).toBe(403);
    }
  });

  it('download as a workbook with the same figures, in Russian or English', async () => {
    const res = await admin('GET', `${url}.xlsx?${period}&queueId=${queueId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('support-report-2026-03-10_2026-03-12.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Сводка', 'По темам', 'По операторам', 'По дням']);
    const summary = new Map<string, unknown>();
    book.getWorksheet('Сводка')?.eachRow((row) => {
      summary.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(summary.get('Создано')).toBe(5);
    expect(summary.get('Решено')).toBe(3);
    expect(summary.get('Первый ответ, медиана (мин)')).toBe(25);
    expect(summary.get('Первый ответ, 90-й перцентиль (мин)')).toBe(219);
    expect(summary.get('Решение в срок SLA, доля')).toBe(0.4);
    expect(summary.get('CSAT, средняя оценка')).toBe(3.67);
    expect(summary.get('CSAT, оценка 2')).toBe(1);
    const topics = book.getWorksheet('По темам');
    expect(topics?.getRow(2).values).toEqual([undefined, 'Тема reports', 5, 3, 25, 3.67]);
    const ops = book.getWorksheet('По операторам');
    expect(ops?.rowCount).toBe(3);
    const days = book.getWorksheet('По дням');
    expect(days?.getRow(2).values).toEqual([undefined, '2026-03-10', 2, 2]);

    const en = await admin('GET', `${url}.xlsx?${period}&queueId=${queueId}&lang=en`);
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(enBook.worksheets.map((w) => w.name)).toEqual(['Summary', 'By topic', 'By operator', 'By day']);
    expect(enBook.getWorksheet('Summary')?.getRow(3).values).toEqual([undefined, 'Created', 5]);
  });
});
