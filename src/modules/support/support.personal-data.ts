import { and, eq, inArray } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { ticketAttachments, ticketMessages, tickets } from './support.tables.js';

/**
 * The person's support requests and what they wrote in them. Internal notes are staff records about the
 * request, not the person's data, and stay out of the export. On erasure the requests stay (the desk's
 * statistics and the company's history need them) but lose the person's name, their messages' text and their
 * files.
 */
export const supportPersonalData: PersonalDataProvider[] = [
  {
    key: 'support',
    async export({ db, userId }) {
      const own = await db.select().from(tickets).where(eq(tickets.requesterId, userId));
      const messages = await db
        .select()
        .from(ticketMessages)
        .where(
          and(
            eq(ticketMessages.authorId, userId),
            eq(ticketMessages.side, 'requester'),
            eq(ticketMessages.kind, 'reply'),
          ),
        );
      return {
        requests: own.map((t) => ({
          number: t.number,
          subject: t.subject,
          status: t.status,
          companyId: t.companyId,
          context: t.context,
          rating: t.csatRating,
          ratingComment: t.csatComment,
          at: t.createdAt,
        })),
        messages: messages.map((m) => ({ ticketId: m.ticketId, text: m.body, at: m.createdAt })),
      };
    },
    async erase({ db, storage, userId }) {
      const mine = await db
        .select({ id: ticketMessages.id })
        .from(ticketMessages)
        .where(and(eq(ticketMessages.authorId, userId), eq(ticketMessages.side, 'requester')));
      const ids = mine.map((m) => m.id);
      if (ids.length > 0) {
        const files = await db
          .select({ key: ticketAttachments.storageKey })
          .from(ticketAttachments)
          .where(inArray(ticketAttachments.messageId, ids));
        for (const f of files) await storage.delete(f.key);
        await db.delete(ticketAttachments).where(inArray(ticketAttachments.messageId, ids));
        await db
          .update(ticketMessages)
          .set({ authorName: '—', body: '—' })
          .where(inArray(ticketMessages.id, ids));
      }
      await db
        .update(tickets)
        .set({ requesterName: '—', csatComment: null, context: null })
        .where(eq(tickets.requesterId, userId));
    },
  },
];
