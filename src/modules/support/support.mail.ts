import { and, eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { enqueueJob, publishEvent } from '../../server/core/jobs/queue.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { defineMailTemplate } from '../../server/core/mail/templates.js';
import { notify } from '../notifications/index.js';
import { getPerson } from '../people/people.service.js';
import { ticketMessages, tickets } from './support.tables.js';

/** Outbox topic of a new request; the assignee's notification reacts to it after the commit. */
export const ticketCreatedTopic = 'support.ticket_created';
export const notifyAssigneeJob = 'support.notifyAssignee';
export const notifyRequesterJob = 'support.notifyRequester';

type Ticket = typeof tickets.$inferSelect;
const localeOf = (l: string | null | undefined): 'ru' | 'en' => (l === 'en' ? 'en' : 'ru');
/** Longest quote of a reply in a notification or an e-mail. */
const excerpt = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Where the person opens the request in the cabinet: their own, or under the company it was filed for. */
export const requesterLink = (t: Pick<Ticket, 'id' | 'companyId'>) =>
  t.companyId ? `/orgs/${t.companyId}/support/${t.id}` : `/support/${t.id}`;
/** Where the operator opens it in the back office (the desk's request page). */
export const deskLink = (t: Pick<Ticket, 'id'>) => `/admin/support?ticket=${t.id}`;

export const ticketReplyMail = defineMailTemplate<{
  number: string;
  subject: string;
  who: string;
  text: string;
  url: string;
}>('support.reply', {
  ru: (v) => ({
    subject: `Ответ по обращению ${v.number}: ${v.subject}`,
    text: `${v.who} ответил(а) на ваше обращение ${v.number} «${v.subject}»:\n\n${v.text}\n\nОтветить или закрыть обращение: ${v.url}`,
  }),
  en: (v) => ({
    subject: `Reply to your request ${v.number}: ${v.subject}`,
    text: `${v.who} replied to your request ${v.number} "${v.subject}":\n\n${v.text}\n\nReply or close the request: ${v.url}`,
  }),
});

export const ticketAssignedMail = defineMailTemplate<{
  number: string;
  subject: string;
  requester: string;
  text: string;
  dueAt: string;
  url: string;
}>('support.assigned', {
  ru: (v) => ({
    subject: `Новое обращение ${v.number}: ${v.subject}`,
    text: `${v.requester} задал(а) вопрос, он назначен вам.\n\n${v.text}\n\nОтветить до: ${v.dueAt}\nОткрыть: ${v.url}`,
  }),
  en: (v) => ({
    subject: `New request ${v.number}: ${v.subject}`,
    text: `${v.requester} asked a question; it is assigned to you.\n\n${v.text}\n\nFirst response due: ${v.dueAt}\nOpen: ${v.url}`,
  }),
});

/**
 * Tells the person who asked that an operator replied: an in-app notification and an e-mail in the request's
 * language. Call it in the transaction that writes the operator's reply (the desk does); the job runs after the
 * commit, so a rolled-back reply notifies nobody.
 */
export async function notifyRequesterOfReply(tx: Db, ticketId: string, messageId: string): Promise<void> {
  await enqueueJob(tx, notifyRequesterJob, { ticketId, messageId }, { singletonKey: `reply:${messageId}` });
}

/** Announces a new request in its transaction; the assignee hears of it after the commit. */
export async function publishTicketCreated(tx: Db, ticketId: string): Promise<void> {
  await publishEvent(tx, ticketCreatedTopic, { ticketId });
}

const formatDue = (at: Date | null, locale: 'ru' | 'en') =>
  at
    ? new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Moscow',
      }).format(at)
    : '—';

/** The job behind `notifyRequesterOfReply`: only an operator's reply reaches the person (never a note). */
export async function sendRequesterReplyNotice(
  db: Db,
  publicUrl: string,
  input: { ticketId: string; messageId: string },
): Promise<void> {
  const [row] = await db
    .select({ ticket: tickets, message: ticketMessages })
    .from(ticketMessages)
    .innerJoin(tickets, eq(tickets.id, ticketMessages.ticketId))
    .where(and(eq(ticketMessages.id, input.messageId), eq(ticketMessages.ticketId, input.ticketId)));
  if (row?.message.kind !== 'reply' || row.message.side !== 'operator') return;
  const { ticket, message } = row;
  const link = requesterLink(ticket);
  await notify(db, {
    userIds: [ticket.requesterId],
    kind: 'support.reply',
    title: {
      ru: `Ответ по обращению ${ticket.number}`,
      en: `Reply to your request ${ticket.number}`,
    },
    body: { ru: excerpt(message.body, 200), en: excerpt(message.body, 200) },
    link,
    data: { ticketId: ticket.id, messageId: message.id },
  });
  const person = await getPerson(db, ticket.requesterId);
  if (!person?.email) return;
  await queueMail(db, {
    to: person.email,
    template: ticketReplyMail.name,
    locale: localeOf(ticket.locale),
    vars: {
      number: ticket.number,
      subject: ticket.subject,
      who: message.authorName,
      text: excerpt(message.body),
      url: `${publicUrl}${link}`,
    },
  });
}

/** The job behind `publishTicketCreated`: the assignee gets an in-app notice and an e-mail. */
export async function sendAssigneeNotice(db: Db, publicUrl: string, ticketId: string): Promise<void> {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!ticket?.assigneeId) return;
  const [first] = await db
    .select({ body: ticketMessages.body })
    .from(ticketMessages)
    .where(eq(ticketMessages.ticketId, ticket.id))
    .orderBy(ticketMessages.id)
    .limit(1);
  const link = deskLink(ticket);
  await notify(db, {
    userIds: [ticket.assigneeId],
    kind: 'support.assigned',
    title: {
      ru: `Новое обращение ${ticket.number}`,
      en: `New request ${ticket.number}`,
    },
    body: { ru: ticket.subject, en: ticket.subject },
    link,
    data: { ticketId: ticket.id },
  });
  const staff = await getPerson(db, ticket.assigneeId);
  if (!staff?.email) return;
  const locale = localeOf(staff.locale);
  await queueMail(db, {
    to: staff.email,
    template: ticketAssignedMail.name,
    locale,
    vars: {
      number: ticket.number,
      subject: ticket.subject,
      requester: ticket.requesterName,
      text: excerpt(first?.body ?? ''),
      dueAt: formatDue(ticket.firstResponseDueAt, locale),
      url: `${publicUrl}${link}`,
    },
  });
}
