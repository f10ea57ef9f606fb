import { eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';
import { isPlaceholderEmail } from '../../shared/phone.js';
import { notify } from '../notifications/index.js';
import { getPerson } from '../people/people.service.js';
import { shortName } from './referrals.code.js';
import { referrals } from './referrals.tables.js';

export type ReferralNews = 'joined' | 'rewarded';

/** To the inviter: a friend joined by their code, or the friend's first order rewarded both. */
export const referralMail = defineMailTemplate<{
  news: ReferralNews;
  friend: string;
  points: number;
  url: string;
}>('referrals.news', {
  ru: (v) => {
    const line =
      v.news === 'joined'
        ? `${v.friend} присоединился по вашему приглашению. Когда друг оплатит первый заказ, вы оба получите бонусы.`
        : `${v.friend} оплатил первый заказ. Вам начислено бонусов: ${v.points}.`;
    return {
      subject: v.news === 'joined' ? 'Друг принял ваше приглашение' : 'Бонусы за приглашённого друга',
      text: `Здравствуйте!\n\n${line}\n\nПриглашения: ${v.url}`,
      html: `<p>Здравствуйте!</p><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(v.url)}">Мои приглашения</a></p>`,
    };
  },
  en: (v) => {
    const line =
      v.news === 'joined'
        ? `${v.friend} joined with your invitation. When your friend pays for the first order, you both get bonus points.`
        : `${v.friend} paid for the first order. You got ${v.points} bonus points.`;
    return {
      subject:
        v.news === 'joined' ? 'A friend accepted your invitation' : 'Bonus points for inviting a friend',
      text: `Hello,\n\n${line}\n\nInvitations: ${v.url}`,
      html: `<p>Hello,</p><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(v.url)}">My invitations</a></p>`,
    };
  },
});

/** Tells the inviter in-app and by e-mail (in their language) what happened to a referral. */
export async function notifyReferrer(
  db: Db,
  publicUrl: string,
  referralId: string,
  news: ReferralNews,
): Promise<void> {
  const [referral] = await db.select().from(referrals).where(eq(referrals.id, referralId));
  if (!referral) return;
  if (news === 'rewarded' && referral.status !== 'rewarded') return;
  const [referrer, friendPerson] = await Promise.all([
    getPerson(db, referral.referrerId),
    getPerson(db, referral.friendId),
  ]);
  if (!referrer) return;
  const friend = shortName(friendPerson?.name ?? '—');
  const points = referral.referrerPoints;
  await notify(db, {
    userIds: [referrer.id],
    kind: `referrals.${news}`,
    title:
      news === 'joined'
        ? { ru: 'Друг принял ваше приглашение', en: 'A friend accepted your invitation' }
        : { ru: `Бонусы за друга: ${points}`, en: `Bonus points for a friend: ${points}` },
    body:
      news === 'joined'
        ? {
            ru: `${friend} присоединился. Бонусы — после первого оплаченного заказа друга.`,
            en: `${friend} joined. Bonus points follow the friend's first paid order.`,
          }
        : {
            ru: `${friend} оплатил первый заказ — бонусы начислены вам обоим.`,
            en: `${friend} paid for the first order: you both got bonus points.`,
          },
    link: '/referrals',
    data: { referralId, news },
  });
  if (!referrer.email || isPlaceholderEmail(referrer.email)) return;
  await queueMail(db, {
    to: referrer.email,
    template: referralMail.name,
    locale: referrer.locale === 'en' ? 'en' : 'ru',
    vars: { news, friend, points, url: `${publicUrl}/referrals` },
  });
}
