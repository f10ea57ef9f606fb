import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

const rub = (kopecks: number) => (kopecks / 100).toFixed(2);

/** The back office changed an order before confirming it. */
export const orderEditedMail = defineMailTemplate<{ number: string; changes: string[]; total: number }>(
  'orders.edited',
  {
    ru: (v) => ({
      subject: `Заказ ${v.number} изменён`,
      text: `Менеджер изменил заказ ${v.number}:\n\n${v.changes.map((c) => `• ${c}`).join('\n')}\n\nНовая сумма: ${rub(v.total)} ₽.`,
      html: `<p>Менеджер изменил заказ ${escapeHtml(v.number)}:</p><ul>${v.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul><p>Новая сумма: ${rub(v.total)} ₽.</p>`,
    }),
    en: (v) => ({
      subject: `Order ${v.number} was changed`,
      text: `Your manager changed order ${v.number}:\n\n${v.changes.map((c) => `• ${c}`).join('\n')}\n\nNew total: ${rub(v.total)} RUB.`,
      html: `<p>Your manager changed order ${escapeHtml(v.number)}:</p><ul>${v.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul><p>New total: ${rub(v.total)} RUB.</p>`,
    }),
  },
);

const returnStatusRu: Record<string, string> = {
  requested: 'принята',
  approved: 'одобрена',
  rejected: 'отклонена',
  received: 'товар получен',
  refunded: 'деньги возвращены',
  closed: 'закрыта',
};

/** A return request was filed or moved on. */
export const returnStatusMail = defineMailTemplate<{
  number: string;
  status: string;
  comment: string | null;
}>('orders.return_status', {
  ru: (v) => ({
    subject: `Заявка на возврат ${v.number}: ${returnStatusRu[v.status] ?? v.status}`,
    text: `Заявка на возврат ${v.number}: ${returnStatusRu[v.status] ?? v.status}.${v.comment ? `\n\nКомментарий менеджера: ${v.comment}` : ''}`,
  }),
  en: (v) => ({
    subject: `Return ${v.number}: ${v.status.replace('_', ' ')}`,
    text: `Return request ${v.number} is now ${v.status.replace('_', ' ')}.${v.comment ? `\n\nManager's comment: ${v.comment}` : ''}`,
  }),
});

const claimStatusRu: Record<string, string> = {
  submitted: 'зарегистрирована',
  in_review: 'на рассмотрении',
  accepted: 'принята',
  rejected: 'отклонена',
  resolved: 'урегулирована',
};

/** A company's claim was filed or moved on. */
export const claimStatusMail = defineMailTemplate<{ number: string; status: string; answer: string | null }>(
  'orders.claim_status',
  {
    ru: (v) => ({
      subject: `Рекламация ${v.number}: ${claimStatusRu[v.status] ?? v.status}`,
      text: `Рекламация ${v.number}: ${claimStatusRu[v.status] ?? v.status}.${v.answer ? `\n\nОтвет менеджера: ${v.answer}` : ''}`,
    }),
    en: (v) => ({
      subject: `Claim ${v.number}: ${v.status.replace('_', ' ')}`,
      text: `Claim ${v.number} is now ${v.status.replace('_', ' ')}.${v.answer ? `\n\nManager's answer: ${v.answer}` : ''}`,
    }),
  },
);
