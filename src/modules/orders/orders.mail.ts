import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

const statusRu: Record<string, string> = {
  new: 'новый',
  awaiting_approval: 'ждёт согласования',
  confirmed: 'подтверждён',
  awaiting_payment: 'ждёт оплаты',
  paid: 'оплачен',
  assembling: 'собирается',
  shipped: 'отгружен',
  delivered: 'доставлен',
  completed: 'выполнен',
  cancelled: 'отменён',
};
const statusEn = (s: string) => s.replace(/_/g, ' ');

/** To the buyer: the order moved to a new status. */
export const orderStatusMail = defineMailTemplate<{
  number: string;
  status: string;
  url: string;
  note: string;
}>('orders.status', {
  ru: (v) => ({
    subject: `Заказ ${v.number}: ${statusRu[v.status] ?? v.status}`,
    text: `Здравствуйте!\n\nСтатус заказа ${v.number}: ${statusRu[v.status] ?? v.status}.${v.note ? `\n${v.note}` : ''}\n\nЗаказ: ${v.url}`,
    html: `<p>Здравствуйте!</p><p>Статус заказа ${escapeHtml(v.number)}: <b>${escapeHtml(statusRu[v.status] ?? v.status)}</b>.</p>${v.note ? `<p>${escapeHtml(v.note)}</p>` : ''}<p><a href="${escapeHtml(v.url)}">Открыть заказ</a></p>`,
  }),
  en: (v) => ({
    subject: `Order ${v.number}: ${statusEn(v.status)}`,
    text: `Hello,\n\nOrder ${v.number} is now ${statusEn(v.status)}.${v.note ? `\n${v.note}` : ''}\n\nOrder: ${v.url}`,
    html: `<p>Hello,</p><p>Order ${escapeHtml(v.number)} is now <b>${escapeHtml(statusEn(v.status))}</b>.</p>${v.note ? `<p>${escapeHtml(v.note)}</p>` : ''}<p><a href="${escapeHtml(v.url)}">Open the order</a></p>`,
  }),
});

/** To the company's approvers: an order waits for them. */
export const approvalRequestMail = defineMailTemplate<{
  number: string;
  buyer: string;
  total: string;
  url: string;
}>('orders.approval_request', {
  ru: (v) => ({
    subject: `Заказ ${v.number} ждёт согласования`,
    text: `Здравствуйте!\n\n${v.buyer} оформил заказ ${v.number} на ${v.total}. Он ждёт вашего согласования.\n\nСогласовать: ${v.url}`,
    html: `<p>Здравствуйте!</p><p>${escapeHtml(v.buyer)} оформил заказ ${escapeHtml(v.number)} на ${escapeHtml(v.total)}. Он ждёт вашего согласования.</p><p><a href="${escapeHtml(v.url)}">Согласовать</a></p>`,
  }),
  en: (v) => ({
    subject: `Order ${v.number} needs your approval`,
    text: `Hello,\n\n${v.buyer} placed order ${v.number} for ${v.total}. It waits for your approval.\n\nReview: ${v.url}`,
    html: `<p>Hello,</p><p>${escapeHtml(v.buyer)} placed order ${escapeHtml(v.number)} for ${escapeHtml(v.total)}. It waits for your approval.</p><p><a href="${escapeHtml(v.url)}">Review</a></p>`,
  }),
});

/** To the buyer: the approver's decision. */
export const approvalDecisionMail = defineMailTemplate<{
  number: string;
  approved: boolean;
  comment: string;
  url: string;
}>('orders.approval_decision', {
  ru: (v) => ({
    subject: `Заказ ${v.number} ${v.approved ? 'согласован' : 'отклонён'}`,
    text: `Здравствуйте!\n\nЗаказ ${v.number} ${v.approved ? 'согласован' : 'отклонён'}.${v.comment ? `\nКомментарий: ${v.comment}` : ''}\n\nЗаказ: ${v.url}`,
    html: `<p>Здравствуйте!</p><p>Заказ ${escapeHtml(v.number)} ${v.approved ? 'согласован' : 'отклонён'}.</p>${v.comment ? `<p>Комментарий: ${escapeHtml(v.comment)}</p>` : ''}<p><a href="${escapeHtml(v.url)}">Открыть заказ</a></p>`,
  }),
  en: (v) => ({
    subject: `Order ${v.number} ${v.approved ? 'approved' : 'rejected'}`,
    text: `Hello,\n\nOrder ${v.number} was ${v.approved ? 'approved' : 'rejected'}.${v.comment ? `\nComment: ${v.comment}` : ''}\n\nOrder: ${v.url}`,
    html: `<p>Hello,</p><p>Order ${escapeHtml(v.number)} was ${v.approved ? 'approved' : 'rejected'}.</p>${v.comment ? `<p>Comment: ${escapeHtml(v.comment)}</p>` : ''}<p><a href="${escapeHtml(v.url)}">Open the order</a></p>`,
  }),
});
