import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

export const staffInvitationMail = defineMailTemplate<{ business: string; url: string; days: number }>(
  'backoffice.staff-invitation',
  {
    ru: (v) => ({
      subject: `Приглашение в команду портала «${v.business}»`,
      text: `Здравствуйте!\n\nВас пригласили работать в бэк-офисе портала «${v.business}». Чтобы принять приглашение, откройте ссылку (она действует ${v.days} дн.): ${v.url}\n\nЕсли у вас ещё нет аккаунта, зарегистрируйтесь с этим адресом и снова откройте ссылку.`,
      html: `<p>Здравствуйте!</p><p>Вас пригласили работать в бэк-офисе портала «${escapeHtml(v.business)}».</p><p><a href="${escapeHtml(v.url)}">Принять приглашение</a> (ссылка действует ${v.days} дн.)</p><p>Если у вас ещё нет аккаунта, зарегистрируйтесь с этим адресом и снова откройте ссылку.</p>`,
    }),
    en: (v) => ({
      subject: `Invitation to the ${v.business} portal team`,
      text: `Hello,\n\nYou have been invited to work in the back office of the ${v.business} portal. To accept, open this link (valid for ${v.days} days): ${v.url}\n\nIf you have no account yet, sign up with this address and open the link again.`,
    }),
  },
);
