import { eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';
import { type Bilingual, notify } from '../notifications/index.js';
import { getPerson } from '../people/people.service.js';
import { reminderPreferences } from './subscriptions.tables.js';

/** The kinds of notice a person can turn off (docs/subscriptions.md). */
export type NoticeKind = 'reorderReminders' | 'subscriptionNotices';

/** One mail for every notice of the module: the text in the person's language, a button and the settings footer. */
export const subscriptionNoticeMail = defineMailTemplate<{
  title: string;
  body: string;
  url: string;
  action: string;
  settingsUrl: string;
}>('subscriptions.notice', {
  ru: (v) => ({
    subject: v.title,
    text: `Здравствуйте!\n\n${v.body}\n\n${v.action}: ${v.url}\n\n—\nНастроить или отключить такие письма: ${v.settingsUrl}`,
    html: `<p>Здравствуйте!</p><p>${escapeHtml(v.body)}</p><p><a href="${escapeHtml(v.url)}">${escapeHtml(v.action)}</a></p><hr><p><small><a href="${escapeHtml(v.settingsUrl)}">Настроить или отключить такие письма</a></small></p>`,
  }),
  en: (v) => ({
    subject: v.title,
    text: `Hello,\n\n${v.body}\n\n${v.action}: ${v.url}\n\n—\nChange or turn off these e-mails: ${v.settingsUrl}`,
    html: `<p>Hello,</p><p>${escapeHtml(v.body)}</p><p><a href="${escapeHtml(v.url)}">${escapeHtml(v.action)}</a></p><hr><p><small><a href="${escapeHtml(v.settingsUrl)}">Change or turn off these e-mails</a></small></p>`,
  }),
});

/** The person's notice preferences (everything on when never set). */
export async function preferencesOf(db: Db, personId: string) {
  const [row] = await db.select().from(reminderPreferences).where(eq(reminderPreferences.personId, personId));
  return {
    reorderReminders: row?.reorderReminders ?? true,
    subscriptionNotices: row?.subscriptionNotices ?? true,
  };
}

/** Saves the person's notice preferences (only the fields given). */
export async function savePreferences(db: Db, personId: string, patch: Partial<Record<NoticeKind, boolean>>) {
  const current = await preferencesOf(db, personId);
  const next = { ...current, ...patch };
  await db
    .insert(reminderPreferences)
    .values({ personId, ...next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: reminderPreferences.personId, set: { ...next, updatedAt: new Date() } });
  return next;
}

export interface Notice {
  personId: string;
  /** Which preference may silence it; null for notices that are always sent (a failed payment, a pause). */
  preference: NoticeKind | null;
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** In-app path, also the mail's button (absolute there). */
  link: string;
  action: Bilingual;
  data?: Record<string, unknown>;
}

/** Sends a notice in-app and by e-mail in the person's language, unless they turned its kind off. */
export async function sendNotice(db: Db, publicUrl: string, notice: Notice): Promise<boolean> {
  if (notice.preference && !(await preferencesOf(db, notice.personId))[notice.preference]) return false;
  await notify(db, {
    userIds: [notice.personId],
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    link: notice.link,
    data: notice.data ?? {},
  });
  const person = await getPerson(db, notice.personId);
  if (person?.email) {
    const locale = person.locale === 'en' ? 'en' : 'ru';
    await queueMail(db, {
      to: person.email,
      template: subscriptionNoticeMail.name,
      locale,
      vars: {
        title: notice.title[locale],
        body: notice.body[locale],
        url: `${publicUrl}${notice.link}`,
        action: notice.action[locale],
        settingsUrl: `${publicUrl}/subscriptions#notices`,
      },
    });
  }
  return true;
}
