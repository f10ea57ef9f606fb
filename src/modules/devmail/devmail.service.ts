import { and, desc, eq, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { MailTransport } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { devMailbox } from './devmail.tables.js';

/** The transport used when SMTP_URL is not set: every message lands in the dev mailbox table. */
export const devMailboxTransport: MailTransport = {
  kind: 'dev-mailbox',
  async send(db, mail) {
    await devMailboxTransport.sendMany?.(db, [mail]);
  },
  async sendMany(db, mails) {
    if (mails.length === 0) return;
    await db.insert(devMailbox).values(
      mails.map((mail) => ({
        id: uuidv7(),
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        locale: mail.locale,
        template: mail.template,
      })),
    );
  },
};

type Row = typeof devMailbox.$inferSelect;
const idCursor = z.tuple([z.uuid()]);

const presentSummary = (m: Row) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  locale: m.locale,
  createdAt: m.createdAt.toISOString(),
});

/** Newest first, keyset-paginated by id (UUIDv7 ids sort by time). */
export async function listMail(
  db: Db,
  query: { limit: number; cursor?: string | undefined; to?: string | undefined },
) {
  const after = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const rows = await db
    .select()
    .from(devMailbox)
    .where(
      and(
        after ? lt(devMailbox.id, after) : undefined,
        query.to ? eq(devMailbox.to, query.to.toLowerCase()) : undefined,
      ),
    )
    .orderBy(desc(devMailbox.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentSummary, (m) => [m.id]);
}

/** One message with its body. */
export async function getMail(db: Db, id: string) {
  const [m] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  if (!m) throw new AppError('NOT_FOUND', 'No such message');
  return { ...presentSummary(m), from: m.from, text: m.text, html: m.html, template: m.template };
}
