import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { slaDeadlines } from '../sla/sla.service.js';
import { assignRoundRobin } from './support.assignment.js';
import { nextTicketNumber } from './support.numbers.js';
import {
  supportQueueMembers,
  supportQueues,
  supportTopics,
  ticketMessages,
  tickets,
} from './support.tables.js';

interface Person {
  id: string;
  name: string;
}

/**
 * The demo desk: the support agent and the dealer's manager work every queue, the demo customer has a request
 * waiting for their answer, and the dealer has a resolved one they rated. Runs inside the demo seed's transaction.
 */
export async function seedDemoSupport(
  tx: Db,
  input: { staff: Person[]; customer: Person; dealer: { id: string; member: Person } },
): Promise<void> {
  const queues = await tx.select({ id: supportQueues.id }).from(supportQueues);
  for (const q of queues) {
    for (const s of input.staff) {
      await tx.insert(supportQueueMembers).values({ queueId: q.id, userId: s.id }).onConflictDoNothing();
    }
  }
  const topic = async (key: string) => {
    const [row] = await tx.select().from(supportTopics).where(eq(supportTopics.key, key));
    if (!row) throw new Error(`support topic ${key} is missing`);
    return row;
  };
  const staffName = (id: string | null) => input.staff.find((s) => s.id === id)?.name ?? 'Поддержка';
  const day = 86_400_000;

  const delivery = await topic('delivery');
  const start = new Date(Date.now() - 2 * day);
  const open = await fileDemoTicket(tx, {
    topic: delivery,
    requester: input.customer,
    companyId: null,
    subject: 'Когда привезут фильтр?',
    body: 'Здравствуйте! Подскажите, пожалуйста, сроки доставки в Нижний Новгород.',
    start,
    context: { kind: 'page', label: 'Каталог', path: '/catalog' },
  });
  await tx.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId: open.id,
    kind: 'reply',
    side: 'operator',
    authorId: open.assigneeId,
    authorName: staffName(open.assigneeId),
    body: 'Добрый день! Доставка в Нижний Новгород занимает 2–3 рабочих дня. Уточните, пожалуйста, адрес.',
    createdAt: new Date(start.getTime() + 3_600_000),
  });
  await tx
    .update(tickets)
    .set({
      status: 'pending',
      firstRespondedAt: new Date(start.getTime() + 3_600_000),
      lastMessageAt: new Date(start.getTime() + 3_600_000),
    })
    .where(eq(tickets.id, open.id));

  const payment = await topic('payment');
  const earlier = new Date(Date.now() - 6 * day);
  const done = await fileDemoTicket(tx, {
    topic: payment,
    requester: input.dealer.member,
    companyId: input.dealer.id,
    subject: 'Нужен акт сверки за квартал',
    body: 'Пришлите, пожалуйста, акт сверки за прошлый квартал.',
    start: earlier,
    context: null,
  });
  const answered = new Date(earlier.getTime() + 2 * 3_600_000);
  await tx.insert(ticketMessages).values([
    {
      id: uuidv7(),
      ticketId: done.id,
      kind: 'reply',
      side: 'operator',
      authorId: done.assigneeId,
      authorName: staffName(done.assigneeId),
      body: 'Акт сверки сформирован, он в разделе «Финансы».',
      createdAt: answered,
    },
    {
      id: uuidv7(),
      ticketId: done.id,
      kind: 'event',
      side: 'system',
      authorName: 'Kabinet',
      body: 'Status: open → resolved',
      data: { status: ['open', 'resolved'] },
      createdAt: new Date(answered.getTime() + 60_000),
    },
  ]);
  await tx
    .update(tickets)
    .set({
      status: 'resolved',
      firstRespondedAt: answered,
      resolvedAt: answered,
      lastMessageAt: answered,
      csatRating: 5,
      csatComment: 'Быстро и по делу, спасибо!',
      ratedAt: new Date(answered.getTime() + 3_600_000),
    })
    .where(eq(tickets.id, done.id));
}

async function fileDemoTicket(
  tx: Db,
  t: {
    topic: typeof supportTopics.$inferSelect;
    requester: Person;
    companyId: string | null;
    subject: string;
    body: string;
    start: Date;
    context: { kind: 'page'; label: string; path: string } | null;
  },
) {
  const sla = await slaDeadlines(tx, {
    priority: t.topic.defaultPriority,
    customerGroupId: null,
    start: t.start,
  });
  const id = uuidv7();
  const assigneeId = await assignRoundRobin(tx, t.topic.queueId);
  await tx.insert(tickets).values({
    id,
    number: await nextTicketNumber(tx, t.start),
    subject: t.subject,
    priority: t.topic.defaultPriority,
    audience: t.companyId ? 'company' : 'customer',
    requesterId: t.requester.id,
    requesterName: t.requester.name,
    companyId: t.companyId,
    topicId: t.topic.id,
    queueId: t.topic.queueId,
    assigneeId,
    context: t.context,
    slaPolicyId: sla.policyId,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
    lastMessageAt: t.start,
    createdAt: t.start,
    updatedAt: t.start,
  });
  await tx.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId: id,
    kind: 'reply',
    side: 'requester',
    authorId: t.requester.id,
    authorName: t.requester.name,
    body: t.body,
    createdAt: t.start,
  });
  return { id, assigneeId };
}
