import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import { type CompaniesTestApp, companiesTestApp, demoPeople } from '../companies/companies.testkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { findPersonByEmail } from '../people/people.service.js';
import { slaDeadlines } from '../sla/index.js';
import { escalateBreaches } from './escalation.js';
import { supportQueues, ticketMessages, tickets } from './support.tables.js';

let k: CompaniesTestApp;
let admin: string;
let support: string;
let customer: string;
let customerId: string;
let supportId: string;
let adminId: string;
let n = 100;

/** A request row as the requester side would file it. */
async function makeTicket(over: Partial<typeof tickets.$inferInsert> = {}) {
  const id = uuidv7();
  const createdAt = over.createdAt ?? new Date();
  await k.t.db.insert(tickets).values({
    id,
    number: `S-2026-T${n++}`,
    subject: 'Где мой заказ',
    audience: 'customer',
    requesterId: customerId,
    requesterName: 'Иван Петров',
    context: { kind: 'order', id: uuidv7(), label: 'K-2026-000042' },
    firstResponseDueAt: new Date(createdAt.getTime() + 240 * 60_000),
    resolutionDueAt: new Date(createdAt.getTime() + 1440 * 60_000),
    createdAt,
    ...over,
  });
  await k.t.db.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId: id,
    kind: 'reply',
    side: 'requester',
    authorId: customerId,
    authorName: 'Иван Петров',
    body: 'Подскажите, пожалуйста',
  });
  return id;
}

const base = '/api/v1/admin/support';

beforeAll(async () => {
  k = await companiesTestApp();
  admin = await k.cookieOf(demoPeople.admin.email);
  support = await k.cookieOf(demoPeople.support.email);
  customer = await k.cookieOf(demoPeople.customer.email);
  customerId = (await findPersonByEmail(k.t.db, demoPeople.customer.email))?.id as string;
  supportId = (await findPersonByEmail(k.t.db, demoPeople.support.email))?.id as string;
  adminId = (await findPersonByEmail(k.t.db, demoPeople.admin.email))?.id as string;
}, 60_000);
afterAll(() => k?.t.close());

describe('access', () => {
  it('refuses strangers (401), cabinet users (403) and operators on settings (403)', async () => {
    const id = await makeTicket();
    expect((await k.as(undefined)('GET', `${base}/tickets`)).statusCode).toBe(401);
    expect((await k.as(customer)('GET', `${base}/tickets`)).statusCode).toBe(403);
    expect((await k.as(customer)('GET', `${base}/tickets/${id}`)).statusCode).toBe(403);
    expect((await k.as(customer)('POST', `${base}/tickets/${id}/notes`, { body: 'x' })).statusCode).toBe(403);
    expect((await k.as(support)('GET', `${base}/tickets/${id}`)).statusCode).toBe(200);
    const create = await k.as(support)('POST', `${base}/canned`, { title: 't', body: 'b' });
    expect(create.statusCode).toBe(403);
    expect(
      (await k.as(support)('POST', `${base}/macros`, { name: 'm', actions: { status: 'open' } })).statusCode,
    ).toBe(403);
    expect(
      (await k.as(support)('POST', `${base}/queues`, { key: 'x', nameRu: 'x', nameEn: 'x' })).statusCode,
    ).toBe(403);
  });

  it('answers 404 for an unknown request and 400 for bad input', async () => {
    expect((await k.as(support)('GET', `${base}/tickets/${uuidv7()}`)).statusCode).toBe(404);
    expect((await k.as(support)('GET', `${base}/tickets/not-a-uuid`)).statusCode).toBe(400);
    const id = await makeTicket();
    const bad = await k.as(support)('POST', `${base}/tickets/${id}/replies`, { body: '', status: 'merged' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.length).toBeGreaterThan(0);
    expect((await k.as(support)('GET', `${base}/tickets?cursor=garbage`)).statusCode).toBe(400);
    expect((await k.as(support)('PATCH', `${base}/tickets/${id}`, {})).statusCode).toBe(400);
  });
});

describe('list and detail', () => {
  it('filters by status, assignee, SLA state and search, with counts', async () => {
    const now = Date.now();
    const late = await makeTicket({
      subject: 'Просроченный вопрос',
      createdAt: new Date(now - 5 * 3_600_000),
      firstResponseDueAt: new Date(now - 3_600_000),
    });
    const soon = await makeTicket({ subject: 'Скоро срок', firstResponseDueAt: new Date(now + 20 * 60_000) });
    const list = (q: string) =>
      k
        .as(support)('GET', `${base}/tickets?${q}`)
        .then((r) => r.json());
    const breached = await list('sla=breached&status=active');
    expect(breached.items.map((i: { id: string }) => i.id)).toContain(late);
    expect(breached.items.map((i: { id: string }) => i.id)).not.toContain(soon);
    const dueSoon = await list('sla=due_soon');
    expect(dueSoon.items.map((i: { id: string }) => i.id)).toEqual([soon]);
    const found = await list(`q=${encodeURIComponent('Просроченный')}`);
    expect(found.items).toHaveLength(1);
    expect(found.items[0].sla.breached).toBe(true);
    const bySla = await list('sort=sla&status=active&limit=1');
    expect(bySla.items[0].id).toBe(late);
    const next = await list(`sort=sla&status=active&limit=1&cursor=${bySla.nextCursor}`);
    expect(next.items[0].id).not.toBe(late);
    await k.as(support)('PATCH', `${base}/tickets/${soon}`, { assigneeId: 'me' });
    const mine = await list('assignee=me');
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([soon]);
    const counts = (await k.as(support)('GET', `${base}/counts`)).json();
    expect(counts.mine).toBe(1);
    expect(counts.breached).toBeGreaterThanOrEqual(1);
    expect(counts.unassigned).toBeGreaterThanOrEqual(1);
  });

  it('pages by last activity without repeats', async () => {
    for (let i = 0; i < 3; i++) await makeTicket({ requesterName: `Пагинация ${i}` });
    const seen = new Set<string>();
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = (
        await k.as(support)('GET', `${base}/tickets?q=${encodeURIComponent('Пагинация')}&limit=1${cursor}`)
      ).json();
      for (const item of page.items) seen.add(item.id);
      if (!page.nextCursor) break;
      cursor = `&cursor=${page.nextCursor}`;
    }
    expect(seen.size).toBe(3);
  });
});

describe('replies, notes and changes', () => {
  it('a reply stops the first-response clock and leaves the request pending', async () => {
    const id = await makeTicket();
    const res = await k.as(support)('POST', `${base}/tickets/${id}/replies`, { body: 'Отправили вчера' });
    expect(res.statusCode).toBe(201);
    const t = res.json().ticket;
    expect(t.status).toBe('pending');
    expect(t.firstRespondedAt).not.toBeNull();
    expect(
      t.messages.some((m: { kind: string; side: string }) => m.kind === 'reply' && m.side === 'operator'),
    ).toBe(true);
    expect(t.messages.some((m: { data: { type: string } | null }) => m.data?.type === 'status')).toBe(true);
    const first = t.firstRespondedAt;
    const again = await k.as(support)('POST', `${base}/tickets/${id}/replies`, {
      body: 'Ещё',
      status: 'resolved',
    });
    expect(again.json().ticket.firstRespondedAt).toBe(first);
    expect(again.json().ticket.resolvedAt).not.toBeNull();
  });

  it('an internal note notifies the staff it mentions and stays visible to staff', async () => {
    const id = await makeTicket();
    const res = await k.as(support)('POST', `${base}/tickets/${id}/notes`, {
      body: 'Посмотри, @admin, это оплата',
    });
    expect(res.statusCode).toBe(201);
    const note = res.json().ticket.messages.find((m: { kind: string }) => m.kind === 'note');
    expect(note.mentions).toEqual([adminId]);
    const sent = await k.t.db.select().from(notifications).where(eq(notifications.userId, adminId));
    expect(
      sent.some((s) => s.kind === 'support.mention' && (s.data as { ticketId: string }).ticketId === id),
    ).toBe(true);
    const detail = (await k.as(admin)('GET', `${base}/tickets/${id}`)).json();
    expect(detail.messages.some((m: { kind: string }) => m.kind === 'note')).toBe(true);
    const unknown = await k.as(support)('POST', `${base}/tickets/${id}/notes`, {
      body: 'x',
      mentions: [customerId],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('assigns, changes priority with new SLA targets, queue and topic, each as an event', async () => {
    const createdAt = new Date(Date.now() - 10 * 60_000);
    const id = await makeTicket({ createdAt });
    const refused = await k.as(support)('PATCH', `${base}/tickets/${id}`, { assigneeId: customerId });
    expect(refused.statusCode).toBe(400);
    const [queue] = await k.t.db.select().from(supportQueues).where(eq(supportQueues.key, 'finance'));
    const res = await k.as(support)('PATCH', `${base}/tickets/${id}`, {
      assigneeId: adminId,
      priority: 'urgent',
      queueId: queue?.id,
      status: 'open',
    });
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(t.assignee.id).toBe(adminId);
    expect(t.priority).toBe('urgent');
    expect(t.queue.key).toBe('finance');
    // The targets are recounted for the new priority from the moment the request was made.
    const urgent = await slaDeadlines(k.t.db, {
      priority: 'urgent',
      customerGroupId: null,
      start: createdAt,
    });
    const normal = await slaDeadlines(k.t.db, {
      priority: 'normal',
      customerGroupId: null,
      start: createdAt,
    });
    expect(new Date(t.sla.firstResponseDueAt).getTime()).toBe(urgent.firstResponseDueAt.getTime());
    expect(urgent.resolutionDueAt.getTime()).toBeLessThan(normal.resolutionDueAt.getTime());
    expect(new Date(t.sla.resolutionDueAt).getTime()).toBe(urgent.resolutionDueAt.getTime());
    const types = t.messages.map((m: { data: { type: string } | null }) => m.data?.type).filter(Boolean);
    expect(types).toEqual(expect.arrayContaining(['assignee', 'priority', 'queue', 'status']));
    const unassign = await k.as(support)('PATCH', `${base}/tickets/${id}`, { assigneeId: null });
    expect(unassign.json().assignee).toBeNull();
  });
});

describe('merging duplicates', () => {
  it('folds the source into the target, shows both threads, and refuses further work on the source', async () => {
    const target = await makeTicket({ subject: 'Основное' });
    const source = await makeTicket({ subject: 'Дубль' });
    expect(
      (await k.as(support)('POST', `${base}/tickets/${source}/merge`, { intoId: source })).statusCode,
    ).toBe(400);
    expect(
      (await k.as(support)('POST', `${base}/tickets/${source}/merge`, { intoId: uuidv7() })).statusCode,
    ).toBe(404);
    const res = await k.as(support)('POST', `${base}/tickets/${source}/merge`, { intoId: target });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.mergedFrom.map((s: { id: string }) => s.id)).toEqual([source]);
    expect(
      detail.messages.some((m: { fromTicket: { id: string } | null }) => m.fromTicket?.id === source),
    ).toBe(true);
    const src = (await k.as(support)('GET', `${base}/tickets/${source}`)).json();
    expect(src.status).toBe('merged');
    expect(src.mergedInto.id).toBe(target);
    expect(src.messages.some((m: { data: { type: string } | null }) => m.data?.type === 'merged')).toBe(true);
    expect((await k.as(support)('POST', `${base}/tickets/${source}/replies`, { body: 'x' })).statusCode).toBe(
      409,
    );
    expect((await k.as(support)('PATCH', `${base}/tickets/${source}`, { status: 'open' })).statusCode).toBe(
      409,
    );
    expect(
      (await k.as(support)('POST', `${base}/tickets/${source}/merge`, { intoId: target })).statusCode,
    ).toBe(409);
    const closed = await makeTicket({ status: 'closed' });
    const other = await makeTicket();
    expect(
      (await k.as(support)('POST', `${base}/tickets/${other}/merge`, { intoId: closed })).statusCode,
    ).toBe(409);
    const [audit] = await k.t.db.select().from(auditLog).where(eq(auditLog.subject, source));
    expect(audit?.action).toBe('support.ticket.merged');
  });
});

describe('canned replies', () => {
  it('fills placeholders, leaves unknown ones visible, and previews', async () => {
    const id = await makeTicket();
    const created = await k.as(admin)('POST', `${base}/canned`, {
      title: 'Тест',
      body: 'Здравствуйте, {{requester.firstName}}! {{ticket.number}} / {{context.label}} / {{company.name}}|{{ operator.name }} {{nope.x}}',
    });
    expect(created.statusCode).toBe(201);
    const rendered = (
      await k.as(support)('GET', `${base}/tickets/${id}/canned/${created.json().id}/render`)
    ).json();
    const [t] = await k.t.db.select().from(tickets).where(eq(tickets.id, id));
    expect(rendered.body).toBe(
      `Здравствуйте, Иван! ${t?.number} / K-2026-000042 / |${demoPeople.support.name} {{nope.x}}`,
    );
    const preview = await k.as(support)('POST', `${base}/canned/preview`, {
      body: '{{requester.name}} {{x}}',
    });
    expect(preview.json().body).toBe('Иван Петров {{x}}');
    const list = (await k.as(support)('GET', `${base}/canned?q=${encodeURIComponent('Тест')}`)).json();
    expect(list.items).toHaveLength(1);
    const edited = await k.as(admin)('PATCH', `${base}/canned/${created.json().id}`, { title: 'Тест 2' });
    expect(edited.json().body).toContain('{{nope.x}}');
    expect((await k.as(admin)('DELETE', `${base}/canned/${created.json().id}`)).statusCode).toBe(204);
    expect(
      (await k.as(support)('GET', `${base}/tickets/${id}/canned/${created.json().id}/render`)).statusCode,
    ).toBe(404);
  });

  it('the demo seed has Russian and English replies', async () => {
    const list = (await k.as(support)('GET', `${base}/canned`)).json();
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining(['Заказ отгружен', 'Уточните, пожалуйста', 'Order shipped']),
    );
  });
});

describe('macros', () => {
  it('applies every step in one go, each audited as an event', async () => {
    const id = await makeTicket();
    const macro = await k.as(admin)('POST', `${base}/macros`, {
      name: 'Взять и ответить',
      actions: {
        assignee: 'me',
        priority: 'high',
        reply: 'Здравствуйте, {{requester.firstName}}!',
        note: 'проверить склад',
        status: 'resolved',
      },
    });
    expect(macro.statusCode).toBe(201);
    const res = await k.as(support)('POST', `${base}/tickets/${id}/macros/${macro.json().id}/apply`);
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(t.assignee.id).toBe(supportId);
    expect(t.priority).toBe('high');
    expect(t.status).toBe('resolved');
    expect(t.firstRespondedAt).not.toBeNull();
    const reply = t.messages.find(
      (m: { kind: string; side: string }) => m.kind === 'reply' && m.side === 'operator',
    );
    expect(reply.body).toBe('Здравствуйте, Иван!');
    expect(t.messages.some((m: { kind: string }) => m.kind === 'note')).toBe(true);
  });

  it('rolls back the whole macro when a step fails', async () => {
    const id = await makeTicket();
    const macro = await k.as(admin)('POST', `${base}/macros`, {
      name: 'Плохой',
      actions: { priority: 'urgent', assignee: customerId },
    });
    const res = await k.as(support)('POST', `${base}/tickets/${id}/macros/${macro.json().id}/apply`);
    expect(res.statusCode).toBe(400);
    const [t] = await k.t.db.select().from(tickets).where(eq(tickets.id, id));
    expect(t?.priority).toBe('normal');
    const seeded = (await k.as(support)('GET', `${base}/macros`)).json();
    expect(seeded.items.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Ждём ответа клиента', 'Решено и закрыть']),
    );
  });
});

describe('queues and topics', () => {
  it('creates a queue, sets members who can work requests, and audits it', async () => {
    const res = await k.as(admin)('POST', `${base}/queues`, {
      key: 'vip',
      nameRu: 'VIP',
      nameEn: 'VIP',
      roundRobin: false,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(
      (await k.as(admin)('POST', `${base}/queues`, { key: 'vip', nameRu: 'x', nameEn: 'x' })).statusCode,
    ).toBe(409);
    expect(
      (await k.as(admin)('PUT', `${base}/queues/${id}/members`, { userIds: [customerId] })).statusCode,
    ).toBe(400);
    const members = await k.as(admin)('PUT', `${base}/queues/${id}/members`, { userIds: [supportId] });
    expect(members.json().members.map((m: { id: string }) => m.id)).toEqual([supportId]);
    const patched = await k.as(admin)('PATCH', `${base}/queues/${id}`, { nameEn: 'Key accounts' });
    expect(patched.json()).toMatchObject({ nameEn: 'Key accounts', roundRobin: false, active: true });
    const topic = await k.as(admin)('POST', `${base}/topics`, {
      key: 'vip-topic',
      nameRu: 'VIP',
      nameEn: 'VIP',
      audiences: ['company'],
      queueId: id,
    });
    expect(topic.statusCode).toBe(201);
    const audits = await k.t.db.select().from(auditLog).where(eq(auditLog.subject, id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['support.queue.created', 'support.queue.members', 'support.queue.updated']),
    );
  });
});

describe('escalation', () => {
  it('fires once per breach, never before the deadline, and not for finished requests', async () => {
    const created = new Date('2030-01-01T09:00:00Z');
    const due = new Date('2030-01-01T10:00:00Z');
    const breach = await makeTicket({
      createdAt: created,
      firstResponseDueAt: due,
      resolutionDueAt: new Date('2030-01-02T10:00:00Z'),
      assigneeId: supportId,
    });
    const resolved = await makeTicket({
      createdAt: created,
      firstResponseDueAt: due,
      status: 'resolved',
      resolutionDueAt: due,
    });
    const merged = await makeTicket({
      createdAt: created,
      firstResponseDueAt: due,
      status: 'merged',
      resolutionDueAt: due,
    });
    // Other tests' requests have deadlines long before 2030; escalate them first so the count below is ours.
    await escalateBreaches(k.t.db, new Date('2029-12-31T00:00:00Z'));
    expect(await escalateBreaches(k.t.db, new Date('2030-01-01T09:59:00Z'))).toBe(0);
    expect(await escalateBreaches(k.t.db, new Date('2030-01-01T10:01:00Z'))).toBe(1);
    const [both] = await Promise.all([
      escalateBreaches(k.t.db, new Date('2030-01-01T10:02:00Z')),
      escalateBreaches(k.t.db, new Date('2030-01-01T10:02:00Z')),
    ]);
    expect(both).toBe(0);
    const [t] = await k.t.db.select().from(tickets).where(eq(tickets.id, breach));
    expect(t?.priority).toBe('high');
    expect(t?.firstResponseEscalatedAt?.toISOString()).toBe('2030-01-01T10:01:00.000Z');
    const events = await k.t.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, breach));
    expect(events.filter((e) => (e.data as { type?: string } | null)?.type === 'escalated')).toHaveLength(1);
    for (const id of [resolved, merged]) {
      const [row] = await k.t.db.select().from(tickets).where(eq(tickets.id, id));
      expect(row?.firstResponseEscalatedAt).toBeNull();
      expect(row?.resolutionEscalatedAt).toBeNull();
    }
    const notes = await k.t.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'support.escalated'));
    const forBreach = notes.filter((x) => (x.data as { ticketId: string }).ticketId === breach);
    expect(forBreach.map((x) => x.userId).sort()).toEqual([adminId, supportId].sort());
    // The resolution target escalates separately, once, and the priority stops at urgent.
    expect(await escalateBreaches(k.t.db, new Date('2030-01-02T11:00:00Z'))).toBe(1);
    expect(await escalateBreaches(k.t.db, new Date('2030-01-02T12:00:00Z'))).toBe(0);
    const [after] = await k.t.db.select().from(tickets).where(eq(tickets.id, breach));
    expect(after?.priority).toBe('urgent');
  });
});
