import { defineMailTemplate, escapeHtml } from '../../../server/core/mail/templates.js';

type MagicLinkVars = { name: string; url: string; minutes: number };

const button = (url: string, label: string) =>
  `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#0b7285;color:#fff;border-radius:6px;text-decoration:none">${label}</a></p><p style="color:#555">${escapeHtml(url)}</p>`;

export const magicLinkMail = defineMailTemplate<MagicLinkVars>('identity.magic-link', {
  ru: (v) => ({
    subject: 'Ссылка для входа в Kabinet',
    text: `Здравствуйте, ${v.name}!\n\nЧтобы войти, откройте ссылку (она действует ${v.minutes} минут и только один раз): ${v.url}\n\nЕсли вы не просили ссылку, просто удалите это письмо.`,
    html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Чтобы войти, нажмите кнопку. Ссылка действует ${v.minutes} минут и только один раз.</p>${button(v.url, 'Войти')}<p>Если вы не просили ссылку, просто удалите это письмо.</p>`,
  }),
  en: (v) => ({
    subject: 'Your Kabinet sign-in link',
    text: `Hello ${v.name},\n\nTo sign in, open this link (valid for ${v.minutes} minutes, once): ${v.url}\n\nIf you did not ask for it, just delete this message.`,
    html: `<p>Hello ${escapeHtml(v.name)},</p><p>To sign in, press the button. The link is valid for ${v.minutes} minutes and works once.</p>${button(v.url, 'Sign in')}<p>If you did not ask for it, just delete this message.</p>`,
  }),
});
