import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

export const invitationMail = defineMailTemplate<{
  company: string;
  inviter: string;
  url: string;
  days: number;
}>('companies.invitation', {
  ru: (v) => ({
    subject: `Приглашение в кабинет компании «${v.company}»`,
    text: `Здравствуйте!\n\n${v.inviter} приглашает вас в кабинет компании «${v.company}».\n\nПринять приглашение: ${v.url}\n\nСсылка действует ${v.days} дней. Если вы не ждали этого письма, просто не отвечайте на него.`,
    html: `<p>Здравствуйте!</p><p>${escapeHtml(v.inviter)} приглашает вас в кабинет компании «${escapeHtml(v.company)}».</p><p><a href="${escapeHtml(v.url)}">Принять приглашение</a></p><p>Ссылка действует ${v.days} дней. Если вы не ждали этого письма, просто не отвечайте на него.</p>`,
  }),
  en: (v) => ({
    subject: `Invitation to the ${v.company} company cabinet`,
    text: `Hello,\n\n${v.inviter} invites you to the company cabinet of ${v.company}.\n\nAccept the invitation: ${v.url}\n\nThe link works for ${v.days} days. If you did not expect this message, ignore it.`,
    html: `<p>Hello,</p><p>${escapeHtml(v.inviter)} invites you to the company cabinet of ${escapeHtml(v.company)}.</p><p><a href="${escapeHtml(v.url)}">Accept the invitation</a></p><p>The link works for ${v.days} days. If you did not expect this message, ignore it.</p>`,
  }),
});
