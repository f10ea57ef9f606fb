import { defineMailTemplate } from '../../server/core/mail/templates.js';

/** The message an admin sends to check that mail reaches people. */
export const testMail = defineMailTemplate<{ requestedBy: string }>('mail.test', {
  ru: (v) => ({
    subject: 'Проверка почты Kabinet',
    text: `Это тестовое письмо. Его отправил(а) ${v.requestedBy}. Если вы его читаете, почта работает.`,
  }),
  en: (v) => ({
    subject: 'Kabinet mail check',
    text: `This is a test message sent by ${v.requestedBy}. If you can read it, mail works.`,
  }),
});
