import { defineMailTemplate } from '../../server/core/mail/templates.js';

const ru = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** To the person who asked: the act is ready to check. */
export const reconciliationReadyMail = defineMailTemplate<{ from: string; to: string; url: string }>(
  'finance.reconciliation_ready',
  {
    ru: (v) => ({
      subject: `Акт сверки за ${ru(v.from)}–${ru(v.to)} готов`,
      text: `Здравствуйте!\n\nАкт сверки взаиморасчётов за ${ru(v.from)}–${ru(v.to)} готов. Проверьте его и подтвердите или укажите расхождения:\n${v.url}`,
    }),
    en: (v) => ({
      subject: `Reconciliation act for ${v.from} – ${v.to} is ready`,
      text: `Hello,\n\nThe reconciliation act for ${v.from} – ${v.to} is ready. Check it, then confirm it or note the differences:\n${v.url}`,
    }),
  },
);

/** To the company's manager: the company disputes lines of an act. */
export const reconciliationDisputedMail = defineMailTemplate<{
  company: string;
  from: string;
  to: string;
  lines: number;
}>('finance.reconciliation_disputed', {
  ru: (v) => ({
    subject: `${v.company}: расхождения в акте сверки за ${ru(v.from)}–${ru(v.to)}`,
    text: `${v.company} не согласна со строками акта сверки за ${ru(v.from)}–${ru(v.to)} (строк: ${v.lines}). Ответьте в бэк-офисе, раздел «Акты сверки».`,
  }),
  en: (v) => ({
    subject: `${v.company}: differences in the reconciliation act for ${v.from} – ${v.to}`,
    text: `${v.company} disputes ${v.lines} line(s) of the reconciliation act for ${v.from} – ${v.to}. Answer in the back office, "Reconciliation acts".`,
  }),
});
