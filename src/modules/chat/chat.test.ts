import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../server/core/jobs/jobs.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { awayJobName } from './chat.service.js';

let k: CompaniesTestApp;
let buyer: string;
let owner: string;
let supplier: string;
let customer: string;
let admin: string;
let support: string;
let employee: string;
let dealerId: string;
let adminId: string;

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function upload(cookie: string, url: string, file: { name: string; type: string; data: Buffer }, text = '') {
  const boundary = '----kabinetchat';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ text })}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return k.t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { origin, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function openDealer(cookie = buyer) {
  const res = await k.as(cookie)('POST', '/api/v1/chat/conversations', { orgId: dealerId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; assignedTo: string | null; kind: string; title: string };
}

async function say(cookie: string, prefix: string, conversationId: string, text: string) {
  const res = await k.as(cookie)('POST', `/api/v1${prefix}/conversations/${conversationId}/messages`, {
    text,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; side: string; text: string; authorName: string };
}

/** Makes the pending away jobs due now (they wait two minutes in real life) and runs them. */
async function runAwayJobs() {
  await k.t.db
    .update(jobs)
    .set({ runAt: new Date(Date.now() - 1000) })
    .where(eq(jobs.name, awayJobName));
  await k.t.drainJobs();
}

const chatNotificationsOf = (userId: string) =>
  k.t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'chat.unread')));

beforeAll(async () => {
  k = await companiesTestApp();
  [buyer, owner, supplier, customer, admin, support, employee] = (await Promise.all(
    [
      demoPeople.buyer,
      demoPeople.owner,
      demoPeople.supplier,
      demoPeople.customer,
      demoPeople.admin,
      demoPeople.support,
      demoPeople.employee,
    ].map((p) => k.cookieOf(p.email)),
  )) as [string, string, string, string, string, string, string];
  dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
  adminId = (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie: admin } })).json().user.id;
}, 120_000);
afterAll(async () => {
  await k?.t.close();
});

describe('access', () => {
  it('a company member opens the company conversation, which goes to its personal manager', async () => {
    const conversation = await openDealer();
    expect(conversation).toMatchObject({
      kind: 'company',
      assignedTo: adminId,
      title: demoCompanies.dealer.name,
    });
    // The same open conversation for every member.
    expect((await openDealer(owner)).id).toBe(conversation.id);
    const list = await k.as(buyer)('GET', '/api/v1/chat/conversations');
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(conversation.id);
  });

  it("another company's member, a retail customer and a stranger get 404 or 401", async () => {
    const { id } = await openDealer();
    for (const cookie of [supplier, customer]) {
      expect((await k.as(cookie)('POST', '/api/v1/chat/conversations', { orgId: dealerId })).statusCode).toBe(
        404,
      );
      expect((await k.as(cookie)('GET', `/api/v1/chat/conversations/${id}/messages`)).statusCode).toBe(404);
      expect((await k.as(cookie)('GET', `/api/v1/chat/conversations/${id}`)).statusCode).toBe(404);
      const write = await k.as(cookie)('POST', `/api/v1/chat/conversations/${id}/messages`, { text: 'hi' });
      expect(write.statusCode).toBe(404);
      const file = await upload(cookie, `/api/v1/chat/conversations/${id}/files`, {
        name: 'a.png',
        type: 'image/png',
        data: png,
      });
      expect(file.statusCode).toBe(404);
      const list = await k.as(cookie)('GET', '/api/v1/chat/conversations');
      expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    }
    expect((await k.as(undefined)('GET', '/api/v1/chat/conversations')).statusCode).toBe(401);
    expect((await k.as(employee)('GET', '/api/v1/admin/chat/conversations')).statusCode).toBe(403);
    expect((await k.as(buyer)('GET', `/api/v1/admin/chat/conversations/${id}/messages`)).statusCode).toBe(
      403,
    );
  });

  it('rejects malformed input with 400 and unknown ids with 404', async () => {
    const { id } = await openDealer();
    expect((await k.as(buyer)('POST', '/api/v1/chat/conversations', { orgId: 'x' })).statusCode).toBe(400);
    expect((await k.as(buyer)('GET', '/api/v1/chat/conversations/nope/messages')).statusCode).toBe(400);
    expect(
      (await k.as(buyer)('GET', `/api/v1/chat/conversations/${id}/messages?before=1&after=2`)).statusCode,
    ).toBe(400);
    expect(
      (await k.as(buyer)('POST', `/api/v1/chat/conversations/${id}/messages`, { text: '   ' })).statusCode,
    ).toBe(400);
    expect(
      (await k.as(buyer)('POST', `/api/v1/chat/conversations/${id}/messages`, { text: 'x'.repeat(4001) }))
        .statusCode,
    ).toBe(400);
    expect(
      (await k.as(buyer)('POST', `/api/v1/chat/conversations/${id}/read`, { messageId: -1 })).statusCode,
    ).toBe(400);
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(
      (await k.as(admin)('GET', `/api/v1/admin/chat/conversations/${unknown}/messages`)).statusCode,
    ).toBe(404);
    expect(
      (await k.as(buyer)('GET', `/api/v1/chat/conversations/${id}/messages/999999/file`)).statusCode,
    ).toBe(404);
  });
});

describe('messages', () => {
  it('the buyer writes, the manager sees it unread in their inbox, answers, and read receipts move', async () => {
    const { id } = await openDealer();
    const first = await say(buyer, '/chat', id, 'Здравствуйте! Когда будет отгрузка?');
    expect(first).toMatchObject({ side: 'customer', authorName: demoPeople.buyer.name });

    const inbox = await k.as(admin)('GET', '/api/v1/admin/chat/conversations?filter=mine');
    const row = inbox.json().items.find((c: { id: string }) => c.id === id);
    expect(row).toMatchObject({ unread: 1, lastText: 'Здравствуйте! Когда будет отгрузка?' });
    const queue = await k.as(admin)('GET', '/api/v1/admin/chat/conversations?filter=queue');
    expect(queue.json().items.map((c: { id: string }) => c.id)).not.toContain(id);

    const reply = await say(admin, '/admin/chat', id, 'Завтра утром.');
    expect(reply.side).toBe('staff');
    const read = await k.as(admin)('POST', `/api/v1/admin/chat/conversations/${id}/read`, {
      messageId: reply.id,
    });
    expect(read.json()).toEqual({ messageId: reply.id });

    const page = (await k.as(buyer)('GET', `/api/v1/chat/conversations/${id}/messages`)).json();
    expect(page.items.map((m: { text: string }) => m.text).slice(-2)).toEqual([
      'Здравствуйте! Когда будет отгрузка?',
      'Завтра утром.',
    ]);
    const before = (
      await k.as(buyer)('GET', `/api/v1/chat/conversations/${id}/messages?before=${reply.id}`)
    ).json();
    expect(before.items.at(-1).id).toBe(first.id);
    const after = (
      await k.as(buyer)('GET', `/api/v1/chat/conversations/${id}/messages?after=${first.id}`)
    ).json();
    expect(after.items.map((m: { id: number }) => m.id)).toEqual([reply.id]);

    // The buyer has not read the reply: the manager's message shows ✓, not ✓✓.
    let detail = (await k.as(admin)('GET', `/api/v1/admin/chat/conversations/${id}`)).json();
    expect(detail.read.customer).toBe(first.id);
    await k.as(buyer)('POST', `/api/v1/chat/conversations/${id}/read`, { messageId: reply.id });
    detail = (await k.as(admin)('GET', `/api/v1/admin/chat/conversations/${id}`)).json();
    expect(detail.read.customer).toBe(reply.id);
    // The read position never moves back.
    await k.as(buyer)('POST', `/api/v1/chat/conversations/${id}/read`, { messageId: first.id });
    detail = (await k.as(admin)('GET', `/api/v1/admin/chat/conversations/${id}`)).json();
    expect(detail.read.customer).toBe(reply.id);
    const mine = (await k.as(buyer)('GET', '/api/v1/chat/conversations')).json();
    expect(mine.items.find((c: { id: string }) => c.id === id).unread).toBe(0);
  });

  it('sends a photo that members download and others cannot; refuses big and wrong files clearly', async () => {
    const { id } = await openDealer();
    const res = await upload(
      buyer,
      `/api/v1/chat/conversations/${id}/files`,
      {
        name: 'photo.png',
        type: 'image/png',
        data: png,
      },
      'Фото упаковки',
    );
    expect(res.statusCode, res.body).toBe(201);
    const message = res.json();
    expect(message).toMatchObject({
      text: 'Фото упаковки',
      attachment: { name: 'photo.png', type: 'image/png' },
    });
    const download = await k.as(owner)('GET', message.attachment.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);
    const staffUrl = `/api/v1/admin/chat/conversations/${id}/messages/${message.id}/file`;
    expect((await k.as(admin)('GET', staffUrl)).statusCode).toBe(200);
    expect((await k.as(supplier)('GET', message.attachment.url)).statusCode).toBe(404);

    const text = await upload(buyer, `/api/v1/chat/conversations/${id}/files`, {
      name: 'run.exe',
      type: 'image/png',
      data: Buffer.from('MZ not really a picture'),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().detail).toContain('run.exe is not an allowed file');
    const big = await upload(buyer, `/api/v1/chat/conversations/${id}/files`, {
      name: 'big.png',
      type: 'image/png',
      data: Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024 + 1)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toContain('at most 10 MB');
  });

  it('the start-up operator link reads the inbox but cannot write as a person', async () => {
    const { id } = await openDealer();
    expect((await k.as(k.operator)('GET', '/api/v1/admin/chat/conversations')).statusCode).toBe(200);
    const res = await k.as(k.operator)('POST', `/api/v1/admin/chat/conversations/${id}/messages`, {
      text: 'x',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('support queue', () => {
  it("a retail customer's chat waits in the queue until support takes it", async () => {
    const open = await k.as(customer)('POST', '/api/v1/chat/conversations', {});
    expect(open.statusCode, open.body).toBe(200);
    const conversation = open.json();
    expect(conversation).toMatchObject({ kind: 'personal', assignedTo: null });
    await say(customer, '/chat', conversation.id, 'Где мой заказ?');
    const queue = (await k.as(support)('GET', '/api/v1/admin/chat/conversations?filter=queue')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    const take = await k.as(support)('POST', `/api/v1/admin/chat/conversations/${conversation.id}/take`);
    expect(take.statusCode, take.body).toBe(200);
    const mine = (await k.as(support)('GET', '/api/v1/admin/chat/conversations?filter=mine')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(conversation.id);
    // Another person never sees it.
    expect((await k.as(buyer)('GET', `/api/v1/chat/conversations/${conversation.id}`)).statusCode).toBe(404);
  });
});

describe('away notifications', () => {
  it('tells the manager once per burst, in-app and by e-mail, and not when they have read it', async () => {
    const { id } = await openDealer(owner);
    await runAwayJobs();
    const before = (await chatNotificationsOf(adminId)).length;
    for (const text of ['Один', 'Два', 'Три']) await say(owner, '/chat', id, text);
    const pending = await k.t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, awayJobName), eq(jobs.status, 'queued')));
    expect(pending).toHaveLength(1);
    await runAwayJobs();
    const after = await chatNotificationsOf(adminId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.link).toBe(`/admin/chat?c=${id}`);
    const mail = await k.latestMailTo(demoPeople.admin.email);
    expect(mail?.subject).toMatch(/^Новые сообщения в чате/);
    expect(mail?.text).toContain(`/admin/chat?c=${id}`);

    // A new burst, read by the manager before the job runs: no second notification.
    const last = await say(owner, '/chat', id, 'Четыре');
    await k.as(admin)('POST', `/api/v1/admin/chat/conversations/${id}/read`, { messageId: last.id });
    await runAwayJobs();
    expect((await chatNotificationsOf(adminId)).length).toBe(before + 1);
  });

  it('tells the customer who wrote when the manager answers while they are away', async () => {
    const { id } = await openDealer(owner);
    const ownerId = (await k.t.app.inject({ url: '/api/v1/me', headers: { cookie: owner } })).json().user.id;
    await runAwayJobs();
    const before = (await chatNotificationsOf(ownerId)).length;
    await say(admin, '/admin/chat', id, 'Ответ менеджера');
    await runAwayJobs();
    const after = await chatNotificationsOf(ownerId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.link).toBe(`/orgs/${dealerId}/chat`);
  });
});
