import { defineMailTemplate, escapeHtml } from '../../../server/core/mail/templates.js';

export const twoFactorCodeMail = defineMailTemplate<{ name: string; code: string; minutes: number }>(
  'identity.two-factor-code',
  {
    ru: (v) => ({
      subject: `Код для входа: ${v.code}`,
      text: `Здравствуйте, ${v.name}!\n\nКод для входа: ${v.code}\nОн действует ${v.minutes} мин. Никому его не сообщайте.\n\nЕсли вы не входили в аккаунт, смените пароль.`,
      html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Код для входа: <strong style="font-size:20px;letter-spacing:2px">${escapeHtml(v.code)}</strong></p><p>Он действует ${v.minutes} мин. Никому его не сообщайте.</p><p>Если вы не входили в аккаунт, смените пароль.</p>`,
    }),
    en: (v) => ({
      subject: `Your sign-in code: ${v.code}`,
      text: `Hello ${v.name},\n\nYour sign-in code: ${v.code}\nIt is valid for ${v.minutes} min. Do not share it with anyone.\n\nIf you were not signing in, change your password.`,
      html: `<p>Hello ${escapeHtml(v.name)},</p><p>Your sign-in code: <strong style="font-size:20px;letter-spacing:2px">${escapeHtml(v.code)}</strong></p><p>It is valid for ${v.minutes} min. Do not share it with anyone.</p><p>If you were not signing in, change your password.</p>`,
    }),
  },
);

export const twoFactorResetMail = defineMailTemplate<{ name: string; url: string }>(
  'identity.two-factor-reset',
  {
    ru: (v) => ({
      subject: 'Двухфакторная аутентификация отключена',
      text: `Здравствуйте, ${v.name}!\n\nСотрудник поддержки отключил двухфакторную аутентификацию в вашем аккаунте. Теперь для входа достаточно пароля. Включите её снова: ${v.url}\n\nЕсли вы не обращались в поддержку, срочно смените пароль.`,
    }),
    en: (v) => ({
      subject: 'Two-factor authentication was turned off',
      text: `Hello ${v.name},\n\nSupport staff turned off two-factor authentication for your account; your password alone now signs you in. Turn it on again: ${v.url}\n\nIf you did not contact support, change your password at once.`,
    }),
  },
);
