import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { slaDeadlines } from '../sla/sla.service.js';
import {
  supportCannedReplies,
  supportMacros,
  supportTopics,
  ticketMessages,
  tickets,
} from './support.tables.js';

/** Canned replies the demo back office starts with. */
export const demoCannedReplies = [
  {
    title: 'Приветствие',
    locale: 'ru',
    body: 'Здравствуйте, {{requester.firstName}}!\n\nСпасибо за обращение {{ticket.number}}. Уже разбираемся.\n\n{{operator.name}}, служба поддержки',
  },
  {
    title: 'Заказ отгружен',
    locale: 'ru',
    body: 'Здравствуйте, {{requester.firstName}}! Заказ {{context.label}} отгружен, трек-номер придёт в уведомлении в течение дня.',
  },
  {
    title: 'Уточните, пожалуйста',
    locale: 'ru',
    body: 'Здравствуйте, {{requester.firstName}}! Уточните, пожалуйста, номер заказа и что именно пошло не так — так мы поможем быстрее.',
  },
  {
    title: 'Greeting',
    locale: 'en',
    body: 'Hello {{requester.firstName}},\n\nThank you for request {{ticket.number}}. We are looking into it.\n\n{{operator.name}}, support',
  },
  {
    title: 'Order shipped',
    locale: 'en',
    body: 'Hello {{requester.firstName}}, order {{context.label}} has shipped; the tracking number follows within a day.',
  },
] as const;

/** Seeds canned replies, two macros and one new request from the demo customer (for the workspace demo). */
export async function seedDemoDesk(
  tx: Db,
  input: { adminId: string; customerId: string; customerName: string },
) {
  for (const reply of demoCannedReplies) {
    await tx.insert(supportCannedReplies).values({ id: uuidv7(), ...reply, createdBy: input.adminId });
  }
  await tx.insert(supportMacros).values([
    {
      id: uuidv7(),
      name: 'Ждём ответа клиента',
      actions: {
        assignee: 'me',
        reply: 'Здравствуйте, {{requester.firstName}}! Чтобы продолжить, нам нужен ваш ответ на вопрос выше.',
        status: 'pending',
      },
      createdBy: input.adminId,
    },
    {
      id: uuidv7(),
      name: 'Решено и закрыть',
      actions: { note: 'Закрыто макросом: вопрос решён.', status: 'closed' },
      createdBy: input.adminId,
    },
  ]);

  const [topic] = await tx.select().from(supportTopics).where(eq(supportTopics.key, 'delivery'));
  const start = new Date();
  const due = await slaDeadlines(tx, { priority: 'normal', customerGroupId: null, start });
  const [seq] = (
    (await tx.execute(sql`select nextval('support_ticket_number_seq')::int as n`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  const id = uuidv7();
  await tx.insert(tickets).values({
    id,
    number: `S-${start.getUTCFullYear()}-${String(seq?.n ?? 1).padStart(6, '0')}`,
    subject: 'Не пришёл трек-номер',
    status: 'new',
    priority: topic?.defaultPriority ?? 'normal',
    audience: 'customer',
    requesterId: input.customerId,
    requesterName: input.customerName,
    topicId: topic?.id ?? null,
    queueId: topic?.queueId ?? null,
    context: { kind: 'page', label: 'Мои заказы', path: '/orders' },
    locale: 'ru',
    slaPolicyId: due.policyId,
    firstResponseDueAt: due.firstResponseDueAt,
    resolutionDueAt: due.resolutionDueAt,
    lastMessageAt: start,
    createdAt: start,
    updatedAt: start,
  });
  await tx.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId: id,
    kind: 'reply',
    side: 'requester',
    authorId: input.customerId,
    authorName: input.customerName,
    body: 'Здравствуйте! Заказ оплатил три дня назад, но трек-номер так и не пришёл. Подскажите, когда отправите?',
    createdAt: start,
  });
  return id;
}
