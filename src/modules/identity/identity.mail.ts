import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

type LinkVars = { name: string; url: string };

const button = (url: string, label: string) =>
  `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#0b7285;color:#fff;border-radius:6px;text-decoration:none">${label}</a></p><p style="color:#555">${escapeHtml(url)}</p>`;

export const verifyEmailMail = defineMailTemplate<LinkVars>('identity.verify-email', {
  ru: (v) => ({
    subject: 'Подтвердите адрес электронной почты',
    text: `Здравствуйте, ${v.name}!\n\nЧтобы подтвердить адрес, откройте ссылку: ${v.url}\n\nЕсли вы не регистрировались, просто удалите это письмо.`,
    html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Чтобы подтвердить адрес, нажмите кнопку:</p>${button(v.url, 'Подтвердить адрес')}<p>Если вы не регистрировались, просто удалите это письмо.</p>`,
  }),
  en: (v) => ({
    subject: 'Confirm your e-mail address',
    text: `Hello ${v.name},\n\nTo confirm your address, open this link: ${v.url}\n\nIf you did not sign up, just delete this message.`,
    html: `<p>Hello ${escapeHtml(v.name)},</p><p>To confirm your address, press the button:</p>${button(v.url, 'Confirm address')}<p>If you did not sign up, just delete this message.</p>`,
  }),
});

export const resetPasswordMail = defineMailTemplate<LinkVars>('identity.reset-password', {
  ru: (v) => ({
    subject: 'Сброс пароля',
    text: `Здравствуйте, ${v.name}!\n\nЧтобы задать новый пароль, откройте ссылку (она действует один час и только один раз): ${v.url}\n\nЕсли вы не просили сбросить пароль, ничего не делайте.`,
    html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Чтобы задать новый пароль, нажмите кнопку. Ссылка действует один час и только один раз.</p>${button(v.url, 'Задать новый пароль')}<p>Если вы не просили сбросить пароль, ничего не делайте.</p>`,
  }),
  en: (v) => ({
    subject: 'Reset your password',
    text: `Hello ${v.name},\n\nTo set a new password, open this link (valid for one hour, once): ${v.url}\n\nIf you did not ask for this, do nothing.`,
    html: `<p>Hello ${escapeHtml(v.name)},</p><p>To set a new password, press the button. The link is valid for one hour and works once.</p>${button(v.url, 'Set a new password')}<p>If you did not ask for this, do nothing.</p>`,
  }),
});

export const accountLockedMail = defineMailTemplate<{ name: string; minutes: number; url: string }>(
  'identity.account-locked',
  {
    ru: (v) => ({
      subject: 'Вход в аккаунт временно заблокирован',
      text: `Здравствуйте, ${v.name}!\n\nКто-то несколько раз подряд ввёл неверный пароль от вашего аккаунта, поэтому вход заблокирован на ${v.minutes} мин. Если это были вы, подождите и попробуйте снова или восстановите пароль: ${v.url}\n\nЕсли это были не вы, смените пароль после разблокировки.`,
    }),
    en: (v) => ({
      subject: 'Sign-in to your account is paused',
      text: `Hello ${v.name},\n\nSomeone entered a wrong password for your account several times in a row, so sign-in is paused for ${v.minutes} min. If it was you, wait and try again or reset your password: ${v.url}\n\nIf it was not you, change your password once the pause ends.`,
    }),
  },
);
