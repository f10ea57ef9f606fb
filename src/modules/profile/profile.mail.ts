import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

const button = (url: string, label: string) =>
  `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#0b7285;color:#fff;border-radius:6px;text-decoration:none">${label}</a></p><p style="color:#555">${escapeHtml(url)}</p>`;

export const confirmEmailChangeMail = defineMailTemplate<{ name: string; url: string }>(
  'profile.confirm-email-change',
  {
    ru: (v) => ({
      subject: 'Подтвердите новый адрес электронной почты',
      text: `Здравствуйте, ${v.name}!\n\nЧтобы входить в Kabinet с этим адресом, откройте ссылку (она действует сутки): ${v.url}\n\nЕсли вы не меняли адрес, просто удалите это письмо.`,
      html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Чтобы входить в Kabinet с этим адресом, нажмите кнопку. Ссылка действует сутки.</p>${button(v.url, 'Подтвердить адрес')}<p>Если вы не меняли адрес, просто удалите это письмо.</p>`,
    }),
    en: (v) => ({
      subject: 'Confirm your new e-mail address',
      text: `Hello ${v.name},\n\nTo sign in to Kabinet with this address, open this link (valid for one day): ${v.url}\n\nIf you did not change your address, just delete this message.`,
      html: `<p>Hello ${escapeHtml(v.name)},</p><p>To sign in to Kabinet with this address, press the button. The link is valid for one day.</p>${button(v.url, 'Confirm address')}<p>If you did not change your address, just delete this message.</p>`,
    }),
  },
);

export const emailChangedMail = defineMailTemplate<{ name: string; email: string }>('profile.email-changed', {
  ru: (v) => ({
    subject: 'Адрес электронной почты изменён',
    text: `Здравствуйте, ${v.name}!\n\nАдрес для входа в Kabinet изменён на ${v.email}. Если это были не вы, срочно свяжитесь с поддержкой.`,
  }),
  en: (v) => ({
    subject: 'Your e-mail address was changed',
    text: `Hello ${v.name},\n\nThe address you sign in to Kabinet with is now ${v.email}. If this was not you, contact support at once.`,
  }),
});

export const deletionRequestedMail = defineMailTemplate<{ name: string; date: string; url: string }>(
  'profile.deletion-requested',
  {
    ru: (v) => ({
      subject: 'Аккаунт будет удалён',
      text: `Здравствуйте, ${v.name}!\n\nВы попросили удалить аккаунт. Мы вышли из него на всех устройствах. ${v.date} ваши персональные данные будут удалены. До этого вы можете передумать: войдите и отмените удаление на странице ${v.url}`,
    }),
    en: (v) => ({
      subject: 'Your account will be deleted',
      text: `Hello ${v.name},\n\nYou asked us to delete your account. We signed you out on every device. On ${v.date} your personal data will be erased. Until then you can change your mind: sign in and cancel the deletion at ${v.url}`,
    }),
  },
);
