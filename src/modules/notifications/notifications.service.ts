import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { NotificationLocale } from './notifications.schema.js';
import { notifications } from './notifications.tables.js';

type Row = typeof notifications.$inferSelect;

/** Text in both portal languages. */
export interface Bilingual {
  ru: string;
  en: string;
}

/** What a module sends: who gets it, what happened, and where it leads. */
export interface NotifyInput {
  userIds: string[];
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** An in-app path, e.g. `/orders/<id>`. */
  link?: string | null;
  data?: Record<string, unknown>;
}

/** Creates one notification per person (duplicates ignored); pass a transaction to send it with the change. */
export async function notify(db: Db, input: NotifyInput): Promise<string[]> {
  return notifyEach(db, [input]);
}

/** Several notifications in one insert (a batch of order events); pass a transaction to send them with it. */
export async function notifyEach(db: Db, inputs: readonly NotifyInput[]): Promise<string[]> {
  // One JS timestamp (millisecond precision) for the batch, so the keyset cursor round-trips exactly.
  const createdAt = new Date();
  const rows = inputs.flatMap((input) =>
    [...new Set(input.userIds)].map((userId) => ({
      id: uuidv7(),
      userId,
      kind: input.kind,
      titleRu: input.title.ru,
      titleEn: input.title.en,
      bodyRu: input.body.ru,
      bodyEn: input.body.en,
      link: input.link ?? null,
      data: input.data ?? {},
      createdAt,
    })),
  );
  if (rows.length === 0) return [];
  await db.insert(notifications).values(rows);
  return rows.map((r) => r.id);
}

const cursorShape = z.tuple([z.iso.datetime(), z.uuid()]);

/** One notification in the reader's language, field by field. */
export function presentNotification(row: Row, locale: NotificationLocale) {
  return {
    id: row.id,
    kind: row.kind,
    title: locale === 'en' ? row.titleEn : row.titleRu,
    body: locale === 'en' ? row.bodyEn : row.bodyRu,
    link: row.link,
    data: (row.data ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** A page of the person's notifications, newest first (keyset on created_at, id). */
export async function listNotifications(
  db: Db,
  userId: string,
  options: { limit: number; cursor?: string | undefined; unreadOnly?: boolean; locale?: NotificationLocale },
) {
  const conditions = [eq(notifications.userId, userId)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor, cursorShape);
    const createdAt = new Date(at);
    const before = or(
      lt(notifications.createdAt, createdAt),
      and(eq(notifications.createdAt, createdAt), lt(notifications.id, id)),
    );
    if (before) conditions.push(before);
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
  const locale = options.locale ?? 'ru';
  return toPage(
    rows,
    options.limit,
    (row) => presentNotification(row, locale),
    (row) => [row.createdAt.toISOString(), row.id],
  );
}

/** How many unread notifications the person has: one query on the partial unread index. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the person's notifications read (the given ids, or all); other people's ids are silently skipped. */
export async function markRead(db: Db, userId: string, ids: string[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}

/** Every notification of the person, oldest first, for the personal-data export. */
export async function exportNotifications(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt, notifications.id);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: { ru: row.titleRu, en: row.titleEn },
    body: { ru: row.bodyRu, en: row.bodyEn },
    link: row.link,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  }));
}

/** Deletes every notification of the person (account erasure). */
export async function eraseNotifications(db: Db, userId: string): Promise<void> {
  await db.delete(notifications).where(eq(notifications.userId, userId));
}
