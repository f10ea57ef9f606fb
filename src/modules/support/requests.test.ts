import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { notifications } from '../notifications/notifications.tables.js';
import {
  aftercareTestApp,
  createTestOrder,
  stockedProducts,
  type TestFile,
  testFiles,
} from '../orders/aftercare.testkit.js';
import { autoCloseResolved } from './requests.service.js';
import { assignRoundRobin } from './support.assignment.js';
import { notifyRequesterOfReply } from './support.mail.js';
import {
  supportQueueMembers,
  supportQueues,
  ticketAttachments,
  ticketMessages,
  tickets,
} from './support.tables.js';

let k: Awaited<ReturnType<typeof aftercareTestApp>>;
let customer: string;
let buyer: string;
let owner: string;
let supplier: string;
let dealerId: string;
let supplierOrgId: string;
let customerId: string;
let topicId: string;
let orderOfCustomer: { id: string; number: string };
let orderOfDealer: { id: string; number: string };

const me = '/api/v1/me/support';
const org = (id: string) => `/api/v1/orgs/${id}/support`;
const pdf = (): TestFile => ({ ...testFiles.pdf(), field: 'files' });

const file = (cookie: string, base: string, data: unknown, files: TestFile[] = []) =>
  k.multipart(cookie, `${base}/tickets`, data, files);
const reply = (cookie: string, base: string, id: string, body: string, files: TestFile[] = []) =>
  k.multipart(cookie, `${base}/tickets/${id}/messages`, { body }, files);
const question = (extra: object = {}) => ({
  subject: 'Где мой заказ?',
  topicId,
  body: 'Подскажите, когда привезут заказ.',
  ...extra,
});

beforeAll(async () => {
  k = await aftercareTestApp();
  [customer, buyer, owner, supplier] = await Promise.all([
    k.cookieOf(demoPeople.customer.email),
    k.cookieOf(demoPeople.buyer.email),
    k.cookieOf(demoPeople.owner.email),
    k.cookieOf(demoPeople.supplier.email),
  ]);
  dealerId = await k.companyIdOf(owner, demoCompanies.dealer.name);
  supplierOrgId = await k.companyIdOf(supplier, demoCompanies.supplier.name);
  customerId = await k.personIdOf(demoPeople.customer.email);
  const topics = await k.as(customer)('GET', `${me}/topics`);
  topicId = topics.json().items.find((t: { key: string }) => t.key === 'order').id;
  const [product] = await stockedProducts(k.t.db, 1);
  if (!product) throw new Error('no product');
  orderOfCustomer = await createTestOrder(k.t.db, {
    personId: customerId,
    lines: [{ product, quantity: 1 }],
  });
  orderOfDealer = await createTestOrder(k.t.db, {
    personId: await k.personIdOf(demoPeople.buyer.email),
    companyId: dealerId,
    lines: [{ product, quantity: 1 }],
  });
});
afterAll(async () => k?.t.close());

describe('topics', () => {
  it('offers the customer’s topics in the personal cabinet and the company’s in a company', async () => {
    const personal = await k.as(customer)('GET', `${me}/topics`);
    expect(personal.statusCode).toBe(200);
    expect(personal.json().items.map((t: { key: string }) => t.key)).toEqual([
      'order',
      'delivery',
      'payment',
      'return',
      'access',
      'other',
    ]);
    const company = await k.as(buyer)('GET', `${org(dealerId)}/topics`);
    expect(company.json().items[0]).toMatchObject({ key: 'order', name: 'Вопрос по заказу' });
  });
});

describe('filing a request', () => {
  it('gives a number, status and SLA times, assigns an operator and tells them after the commit', async () => {
    const res = await file(customer, me, question());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.number).toMatch(/^S-\d{4}-\d{6}$/);
    expect(body).toMatchObject({ status: 'new', priority: 'normal', context: null, topic: { id: topicId } });
    expect(Date.parse(body.firstResponseDueAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(body.resolutionDueAt)).toBeGreaterThan(Date.parse(body.firstResponseDueAt));
    expect(body.messages).toMatchObject([{ kind: 'reply', side: 'requester', mine: true }]);
    const [row] = await k.t.db.select().from(tickets).where(eq(tickets.id, body.id));
    expect(row?.assigneeId).toBeTruthy();
    await k.t.drainJobs();
    const notes = await k.t.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, row?.assigneeId as string), eq(notifications.kind, 'support.assigned')),
      );
    expect(notes.map((n) => n.titleRu)).toContain(`Новое обращение ${body.number}`);
  });

  it('refuses the staff-only priority and an unknown topic', async () => {
    const urgent = await file(customer, me, question({ priority: 'urgent' }));
    expect(urgent.statusCode).toBe(400);
    const topic = await file(customer, me, question({ topicId: uuidv7() }));
    expect(topic.statusCode).toBe(400);
    expect(topic.json().errors).toEqual([expect.objectContaining({ path: 'data.topicId' })]);
  });

  it('attaches the person’s own order (its real number) and files, downloadable as the request', async () => {
    const res = await file(
      customer,
      me,
      question({ context: { kind: 'order', id: orderOfCustomer.id, label: 'подделка', path: '/orders/x' } }),
      [pdf(), testFiles.png()],
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.context).toEqual({
      kind: 'order',
      id: orderOfCustomer.id,
      label: orderOfCustomer.number,
      path: '/orders/x',
    });
    const files = body.messages[0].attachments;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['act.pdf', 'photo.png']);
    const download = await k.as(customer)('GET', files[0].url);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('%PDF-1.4');
    const stranger = await k.as(owner)('GET', files[0].url);
    expect(stranger.statusCode).toBe(404);
  });

  it('refuses an order of someone else in the context, naming the field', async () => {
    const foreign = await file(
      customer,
      me,
      question({ context: { kind: 'order', id: orderOfDealer.id, label: 'x' } }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ path: 'data.context.id' })]);
    // The company's order is its members' context, but not the personal cabinet's.
    const inCompany = await file(
      buyer,
      org(dealerId),
      question({ context: { kind: 'order', id: orderOfDealer.id, label: 'x' } }),
    );
    expect(inCompany.statusCode, inCompany.body).toBe(201);
    const unknown = await file(
      customer,
      me,
      question({ context: { kind: 'order', id: uuidv7(), label: 'x' } }),
    );
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a file over 10 MB (413) and an .exe renamed to .pdf (415), naming the file', async () => {
    const big = await file(customer, me, question(), [
      {
        name: 'scan.pdf',
        type: 'application/pdf',
        data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]),
      },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toContain('scan.pdf');
    const exe = await file(customer, me, question(), [
      { name: 'invoice.pdf', type: 'application/pdf', data: Buffer.from('MZ\x90\x00 this is a program') },
    ]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().detail).toContain('invoice.pdf');
    const six = await file(customer, me, question(), Array.from({ length: 6 }, pdf));
    expect(six.statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  let companyTicket: { id: string; number: string; url: string };
  let personalTicket: string;

  beforeAll(async () => {
    const res = await file(buyer, org(dealerId), question({ subject: 'Вопрос дилера' }), [pdf()]);
    expect(res.statusCode, res.body).toBe(201);
    companyTicket = {
      id: res.json().id,
      number: res.json().number,
      url: res.json().messages[0].attachments[0].url,
    };
    personalTicket = (await file(owner, me, question({ subject: 'Личный вопрос владельца' }))).json().id;
  });

  it('shows a company’s requests to every member, and personal ones only to their author', async () => {
    const list = await k.as(owner)('GET', `${org(dealerId)}/tickets?limit=100`);
    const subjects = list.json().items.map((t: { subject: string }) => t.subject);
    expect(subjects).toContain('Вопрос дилера');
    expect(subjects).not.toContain('Личный вопрос владельца');
    const detail = await k.as(owner)('GET', `${org(dealerId)}/tickets/${companyTicket.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().messages[0].mine).toBe(false);
    const mine = await k.as(owner)('GET', `${me}/tickets?limit=100`);
    expect(mine.json().items.map((t: { id: string }) => t.id)).toEqual([personalTicket]);
    expect((await k.as(buyer)('GET', `${me}/tickets/${personalTicket}`)).statusCode).toBe(404);
    expect((await k.as(owner)('GET', `${me}/tickets/${companyTicket.id}`)).statusCode).toBe(404);
  });

  it('answers 404 to another company’s member on every route with an id', async () => {
    const id = companyTicket.id;
    const attachmentId = companyTicket.url.split('/').pop() as string;
    for (const base of [org(supplierOrgId), org(dealerId), me]) {
      const asSupplier = k.as(supplier);
      const responses = [
        await asSupplier('GET', `${base}/tickets/${id}`),
        await asSupplier('GET', `${base}/tickets/${id}/attachments/${attachmentId}`),
        await asSupplier('POST', `${base}/tickets/${id}/close`),
        await asSupplier('POST', `${base}/tickets/${id}/rating`, { rating: 5 }),
        await reply(supplier, base, id, 'взлом'),
      ];
      for (const r of responses) {
        expect(r.statusCode, `${r.raw.req.method} ${base}`).toBe(404);
        expect(r.body).not.toContain(companyTicket.number);
      }
    }
    const list = await k.as(supplier)('GET', `${org(supplierOrgId)}/tickets?q=${companyTicket.number}`);
    expect(list.json().items).toEqual([]);
    const [row] = await k.t.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row?.status).toBe('new');
  });

  it('never shows internal notes (nor their files) in the list, the detail or a download', async () => {
    const noteId = uuidv7();
    await k.t.db.insert(ticketMessages).values({
      id: noteId,
      ticketId: companyTicket.id,
      kind: 'note',
      side: 'operator',
      authorName: 'Оператор',
      body: 'SECRET-INTERNAL-NOTE клиент сложный',
    });
    const noteFile = uuidv7();
    await k.t.db.insert(ticketAttachments).values({
      id: noteFile,
      ticketId: companyTicket.id,
      messageId: noteId,
      storageKey: `support/${companyTicket.id}/${noteFile}.pdf`,
      fileName: 'internal.pdf',
      contentType: 'application/pdf',
      size: 1,
    });
    const as = k.as(owner);
    const responses = [
      await as('GET', `${org(dealerId)}/tickets`),
      await as('GET', `${org(dealerId)}/tickets?q=${companyTicket.number}`),
      await as('GET', `${org(dealerId)}/tickets/${companyTicket.id}`),
      await reply(owner, org(dealerId), companyTicket.id, 'Есть новости?'),
    ];
    for (const r of responses) {
      expect(r.statusCode).toBeLessThan(300);
      expect(r.body).not.toContain('SECRET-INTERNAL-NOTE');
      expect(r.body).not.toContain(noteId);
      expect(r.body).not.toContain('internal.pdf');
    }
    expect(responses[2]?.json().messages.map((m: { kind: string }) => m.kind)).not.toContain('note');
    const download = await as('GET', `${org(dealerId)}/tickets/${companyTicket.id}/attachments/${noteFile}`);
    expect(download.statusCode).toBe(404);
  });
});

describe('lifecycle', () => {
  const newTicket = async () =>
    (await file(customer, me, question())).json() as { id: string; number: string };
  const setStatus = (id: string, status: 'pending' | 'resolved' | 'closed', extra: object = {}) =>
    k.t.db
      .update(tickets)
      .set({ status, ...extra })
      .where(eq(tickets.id, id));

  it('puts a pending or resolved request back to open on the person’s reply, with an event', async () => {
    const t = await newTicket();
    const stillNew = await reply(customer, me, t.id, 'Дополню вопрос');
    expect(stillNew.json().status).toBe('new');
    for (const from of ['pending', 'resolved'] as const) {
      await setStatus(t.id, from, from === 'resolved' ? { resolvedAt: new Date() } : {});
      const res = await reply(customer, me, t.id, `Ответ на ${from}`, [pdf()]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'open', resolvedAt: null });
      const last = res.json().messages.slice(-2);
      expect(last.map((m: { kind: string }) => m.kind)).toEqual(['reply', 'event']);
      expect(last[1].data).toEqual({ status: [from, 'open'] });
    }
  });

  it('refuses a reply to a closed request with 409 and a clear message', async () => {
    const t = await newTicket();
    const closed = await k.as(customer)('POST', `${me}/tickets/${t.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      can: { reply: false, close: false, rate: true },
    });
    const res = await reply(customer, me, t.id, 'А ещё вопрос');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The request is closed; open a new one');
    expect((await k.as(customer)('POST', `${me}/tickets/${t.id}/close`)).statusCode).toBe(409);
  });

  it('takes one rating of 1–5, only when resolved or closed', async () => {
    const t = await newTicket();
    const early = await k.as(customer)('POST', `${me}/tickets/${t.id}/rating`, { rating: 5 });
    expect(early.statusCode).toBe(409);
    await setStatus(t.id, 'resolved', { resolvedAt: new Date() });
    const bad = await k.as(customer)('POST', `${me}/tickets/${t.id}/rating`, { rating: 6 });
    expect(bad.statusCode).toBe(400);
    const rated = await k.as(customer)('POST', `${me}/tickets/${t.id}/rating`, {
      rating: 4,
      comment: 'Спасибо',
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().rating).toMatchObject({ rating: 4, comment: 'Спасибо' });
    expect(rated.json().can.rate).toBe(false);
    const again = await k.as(customer)('POST', `${me}/tickets/${t.id}/rating`, { rating: 1 });
    expect(again.statusCode).toBe(409);
  });

  it('names the request a duplicate was merged into and sends new replies there', async () => {
    const [dup, main] = [await newTicket(), await newTicket()];
    await k.t.db
      .update(tickets)
      .set({ status: 'merged', mergedIntoId: main.id })
      .where(eq(tickets.id, dup.id));
    const detail = await k.as(customer)('GET', `${me}/tickets/${dup.id}`);
    expect(detail.json().mergedInto).toEqual({ id: main.id, number: main.number });
    const res = await reply(customer, me, dup.id, 'Продолжение');
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toBe(main.id);
    expect(res.json().messages.at(-1).body).toBe('Продолжение');
  });

  it('lists open and closed requests apart, searches by number, and pages by cursor', async () => {
    const t = await newTicket();
    const open = await k.as(customer)('GET', `${me}/tickets?status=open&limit=100`);
    expect(open.json().items.every((i: { status: string }) => !['closed', 'merged'].includes(i.status))).toBe(
      true,
    );
    const closed = await k.as(customer)('GET', `${me}/tickets?status=closed&limit=100`);
    expect(
      closed.json().items.every((i: { status: string }) => ['closed', 'merged'].includes(i.status)),
    ).toBe(true);
    const found = await k.as(customer)('GET', `${me}/tickets?q=${t.number}`);
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([t.id]);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await k.as(customer)('GET', `${me}/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      for (const i of page.json().items) seen.add(i.id);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen.size).toBe((await k.as(customer)('GET', `${me}/tickets?limit=100`)).json().items.length);
    expect((await k.as(customer)('GET', `${me}/tickets?cursor=broken`)).statusCode).toBe(400);
  });

  it('closes requests resolved more than 5 days ago by itself, writing an event', async () => {
    const [old, recent] = [await newTicket(), await newTicket()];
    await setStatus(old.id, 'resolved', { resolvedAt: new Date(Date.now() - 6 * 86_400_000) });
    await setStatus(recent.id, 'resolved', { resolvedAt: new Date(Date.now() - 4 * 86_400_000) });
    expect(await autoCloseResolved(k.t.db)).toBeGreaterThanOrEqual(1);
    const [a, b] = await Promise.all([
      k.as(customer)('GET', `${me}/tickets/${old.id}`),
      k.as(customer)('GET', `${me}/tickets/${recent.id}`),
    ]);
    expect(a.json().status).toBe('closed');
    expect(a.json().messages.at(-1)).toMatchObject({
      kind: 'event',
      data: { status: ['resolved', 'closed'], auto: true },
    });
    expect(b.json().status).toBe('resolved');
  });

  it('tells the person of an operator’s reply in-app and by e-mail in the request’s language', async () => {
    const t = await newTicket();
    await k.t.db.update(tickets).set({ locale: 'en' }).where(eq(tickets.id, t.id));
    const messageId = uuidv7();
    await k.t.db.transaction(async (tx) => {
      await tx.insert(ticketMessages).values({
        id: messageId,
        ticketId: t.id,
        kind: 'reply',
        side: 'operator',
        authorName: 'Мария Белова',
        body: 'Заказ уже в пути.',
      });
      await notifyRequesterOfReply(tx, t.id, messageId);
    });
    const mail = await k.latestMailTo(demoPeople.customer.email);
    expect(mail?.subject).toBe(`Reply to your request ${t.number}: Где мой заказ?`);
    expect(mail?.text).toContain(`/support/${t.id}`);
    const notes = await k.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, customerId), eq(notifications.kind, 'support.reply')));
    expect(notes.map((n) => n.link)).toContain(`/support/${t.id}`);
  });
});

describe('round-robin assignment', () => {
  it('alternates between a queue’s members and leaves a request unassigned when there are none', async () => {
    const queueId = uuidv7();
    await k.t.db
      .insert(supportQueues)
      .values({ id: queueId, key: `rr-${queueId}`, nameRu: 'RR', nameEn: 'RR' });
    expect(await k.t.db.transaction((tx) => assignRoundRobin(tx, queueId))).toBeNull();
    await k.t.db.insert(supportQueueMembers).values([
      { queueId, userId: 'op-a' },
      { queueId, userId: 'op-b' },
    ]);
    const turns: (string | null)[] = [];
    for (let i = 0; i < 4; i++) turns.push(await k.t.db.transaction((tx) => assignRoundRobin(tx, queueId)));
    expect(turns).toEqual(['op-a', 'op-b', 'op-a', 'op-b']);
    const together = await Promise.all(
      [0, 1].map(() => k.t.db.transaction((tx) => assignRoundRobin(tx, queueId))),
    );
    expect(new Set(together).size).toBe(2);
  });
});
