import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import type { TicketPriority, TicketStatus } from '../../shared/support.js';
import { supportQueues, supportTopics, tickets } from './support.tables.js';

/**
 * Ticket rows for the customer-360 and report tests, inserted as the request and desk code would leave them:
 * the requests code lives in another branch, and the reports only read these columns.
 */
export interface TestTicket {
  requesterId: string;
  requesterName?: string;
  companyId?: string | null;
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  topicId?: string | null;
  queueId?: string | null;
  assigneeId?: string | null;
  createdAt: Date;
  /** Minutes after creation; null: not yet. */
  firstResponseDueIn?: number | null;
  resolutionDueIn?: number | null;
  respondedAfter?: number | null;
  resolvedAfter?: number | null;
  csat?: number | null;
}

let seq = 0;
const after = (at: Date, minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? null : new Date(at.getTime() + minutes * 60_000);

export async function insertTicket(db: Db, t: TestTicket) {
  const id = uuidv7();
  seq += 1;
  const number = `S-T-${id.slice(-8)}${String(seq).padStart(4, '0')}`;
  const resolvedAt = after(t.createdAt, t.resolvedAfter);
  await db.insert(tickets).values({
    id,
    number,
    subject: t.subject ?? `Вопрос ${seq}`,
    status: t.status ?? (resolvedAt ? 'resolved' : 'open'),
    priority: t.priority ?? 'normal',
    audience: t.companyId ? 'company' : 'customer',
    requesterId: t.requesterId,
    requesterName: t.requesterName ?? 'Тест',
    companyId: t.companyId ?? null,
    topicId: t.topicId ?? null,
    queueId: t.queueId ?? null,
    assigneeId: t.assigneeId ?? null,
    firstResponseDueAt: after(t.createdAt, t.firstResponseDueIn === undefined ? 240 : t.firstResponseDueIn),
    resolutionDueAt: after(t.createdAt, t.resolutionDueIn === undefined ? 1440 : t.resolutionDueIn),
    firstRespondedAt: after(t.createdAt, t.respondedAfter),
    resolvedAt,
    csatRating: t.csat ?? null,
    ratedAt: t.csat ? (resolvedAt ?? t.createdAt) : null,
    lastMessageAt: resolvedAt ?? t.createdAt,
    createdAt: t.createdAt,
    updatedAt: t.createdAt,
  });
  return { id, number };
}

/** A fresh queue and topic of their own, so a test's figures are not mixed with other tests' tickets. */
export async function insertQueueAndTopic(db: Db, name: string) {
  const queueId = uuidv7();
  const topicId = uuidv7();
  const key = `${name}-${queueId.slice(-8)}`;
  await db
    .insert(supportQueues)
    .values({ id: queueId, key, nameRu: `Очередь ${name}`, nameEn: `Queue ${name}` });
  await db.insert(supportTopics).values({
    id: topicId,
    key,
    nameRu: `Тема ${name}`,
    nameEn: `Topic ${name}`,
    audiences: ['customer', 'company'],
    queueId,
  });
  return { queueId, topicId };
}
