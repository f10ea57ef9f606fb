import { and, count, desc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { defineMailTemplate } from '../../server/core/mail/templates.js';
import { companies, companyMembers } from '../companies/companies.tables.js';
import { notify } from '../notifications/index.js';
import { users } from '../people/people.tables.js';
import { awayJobName, type Side } from './chat.service.js';
import { chatConversations, chatMessages, chatReads } from './chat.tables.js';

export const chatAwayMail = defineMailTemplate<{ count: number; from: string; url: string }>('chat.unread', {
  ru: (v) => ({
    subject: `Новые сообщения в чате (${v.count})`,
    text: `${v.from}: у вас ${v.count} непрочитанных сообщений в чате.\n\nОткрыть чат: ${v.url}`,
  }),
  en: (v) => ({
    subject: `New chat messages (${v.count})`,
    text: `${v.from}: you have ${v.count} unread chat messages.\n\nOpen the chat: ${v.url}`,
  }),
});

/** Where each side opens the conversation in the web app. */
export function chatLink(conversation: { id: string; kind: string; companyId: string | null }, side: Side) {
  if (side === 'staff') return `/admin/chat?c=${conversation.id}`;
  return conversation.kind === 'company' && conversation.companyId
    ? `/orgs/${conversation.companyId}/chat`
    : '/chat';
}

/**
 * The away notification of one side for one burst of messages: runs a while after the burst's first message,
 * ends the burst (the next message starts a new one), and tells each recipient who has not read the messages
 * since — once, in-app and by e-mail in their language.
 */
export function chatAwayJob(publicUrl: string) {
  return defineJob({
    name: awayJobName,
    payload: z.object({ conversationId: z.uuid(), side: z.enum(['staff', 'customer']) }),
    async handler({ payload, db }) {
      const { conversationId, side } = payload;
      const [conversation] = await db
        .update(chatConversations)
        .set(side === 'staff' ? { staffAlertAt: null } : { customerAlertAt: null })
        .where(eq(chatConversations.id, conversationId))
        .returning();
      if (!conversation) return;
      let recipients: string[] = [];
      if (side === 'staff') {
        let staffId = conversation.assignedTo;
        if (!staffId && conversation.companyId) {
          const [company] = await db
            .select({ managerId: companies.managerId })
            .from(companies)
            .where(eq(companies.id, conversation.companyId));
          staffId = company?.managerId ?? null;
        }
        recipients = staffId ? [staffId] : [];
      } else if (conversation.kind === 'personal' && conversation.personId) {
        recipients = [conversation.personId];
      } else if (conversation.companyId) {
        // Company members who took part in the conversation (and still belong to the company).
        const rows = await db
          .selectDistinct({ id: chatMessages.authorId })
          .from(chatMessages)
          .innerJoin(
            companyMembers,
            and(
              eq(companyMembers.userId, chatMessages.authorId),
              eq(companyMembers.companyId, conversation.companyId),
            ),
          )
          .where(and(eq(chatMessages.conversationId, conversationId), eq(chatMessages.side, 'customer')));
        recipients = rows.map((r) => r.id).filter((id): id is string => id !== null);
      }
      if (recipients.length === 0) return;
      const people = await db
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(inArray(users.id, recipients));
      const fromSide = side === 'staff' ? 'customer' : 'staff';
      const [last] = await db
        .select({ name: users.name })
        .from(chatMessages)
        .innerJoin(users, eq(users.id, chatMessages.authorId))
        .where(and(eq(chatMessages.conversationId, conversationId), eq(chatMessages.side, fromSide)))
        .orderBy(desc(chatMessages.id))
        .limit(1);
      const link = chatLink(conversation, side);
      for (const person of people) {
        const [read] = await db
          .select({ m: chatReads.lastReadId })
          .from(chatReads)
          .where(and(eq(chatReads.conversationId, conversationId), eq(chatReads.userId, person.id)));
        const [unread] = await db
          .select({ n: count() })
          .from(chatMessages)
          .where(
            and(
              eq(chatMessages.conversationId, conversationId),
              eq(chatMessages.side, fromSide),
              gt(chatMessages.id, read?.m ?? 0),
            ),
          );
        const n = unread?.n ?? 0;
        if (n === 0) continue;
        const from = last?.name ?? '';
        await notify(db, {
          userIds: [person.id],
          kind: 'chat.unread',
          title: { ru: `Новые сообщения в чате: ${n}`, en: `New chat messages: ${n}` },
          body: { ru: `${from} написал(а) вам в чате.`, en: `${from} wrote to you in the chat.` },
          link,
          data: { conversationId },
        });
        await queueMail(db, {
          to: person.email,
          template: chatAwayMail.name,
          locale: person.locale === 'en' ? 'en' : 'ru',
          vars: { count: n, from, url: `${publicUrl}${link}` },
        });
      }
    },
  });
}
