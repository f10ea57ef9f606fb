import type { Db } from '../../server/core/db.js';
import type { ClaimStatus, OrderStatus, ReturnStatus } from '../../shared/orders.js';
import { type NotifyInput, notify } from '../notifications/index.js';

type Both = { ru: string; en: string };

const orderStatusText: Record<OrderStatus, Both> = {
  new: { ru: 'новый', en: 'new' },
  awaiting_approval: { ru: 'ждёт согласования', en: 'awaiting approval' },
  confirmed: { ru: 'подтверждён', en: 'confirmed' },
  awaiting_payment: { ru: 'ждёт оплаты', en: 'awaiting payment' },
  paid: { ru: 'оплачен', en: 'paid' },
  assembling: { ru: 'собирается', en: 'being assembled' },
  shipped: { ru: 'отгружен', en: 'shipped' },
  delivered: { ru: 'доставлен', en: 'delivered' },
  completed: { ru: 'выполнен', en: 'completed' },
  cancelled: { ru: 'отменён', en: 'cancelled' },
};

const returnStatusText: Record<ReturnStatus, Both> = {
  requested: { ru: 'подана', en: 'requested' },
  approved: { ru: 'одобрена', en: 'approved' },
  rejected: { ru: 'отклонена', en: 'rejected' },
  received: { ru: 'товар получен', en: 'items received' },
  refunded: { ru: 'деньги возвращены', en: 'refunded' },
  closed: { ru: 'закрыта', en: 'closed' },
};

const claimStatusText: Record<ClaimStatus, Both> = {
  submitted: { ru: 'подана', en: 'submitted' },
  in_review: { ru: 'на рассмотрении', en: 'in review' },
  accepted: { ru: 'принята', en: 'accepted' },
  rejected: { ru: 'отклонена', en: 'rejected' },
  resolved: { ru: 'решена', en: 'resolved' },
};

/** Where the order is in the web app, for the person in their scope. */
export const orderLink = (order: { id: string; companyId: string | null }) =>
  order.companyId ? `/orgs/${order.companyId}/orders/${order.id}` : `/orders/${order.id}`;

/** In-app: the order's status changed (to the person who placed it). */
export async function notifyOrderStatus(
  db: Db,
  order: { id: string; number: string; personId: string; companyId: string | null },
  to: OrderStatus,
  note?: string | null,
): Promise<void> {
  await notify(db, orderStatusNotice(order, to, note));
}

/** The notification of a status change, for `notifyOrderStatus` or a batch (`notifyEach`). */
export function orderStatusNotice(
  order: { id: string; number: string; personId: string; companyId: string | null },
  to: OrderStatus,
  note?: string | null,
): NotifyInput {
  const s = orderStatusText[to];
  return {
    userIds: [order.personId],
    kind: 'order.status',
    title: { ru: `Заказ ${order.number}: ${s.ru}`, en: `Order ${order.number}: ${s.en}` },
    body: { ru: note ?? `Статус заказа — «${s.ru}».`, en: note ?? `The order is now ${s.en}.` },
    link: orderLink(order),
    data: { orderId: order.id, status: to },
  };
}

/** In-app: an order waits for these approvers. */
export async function notifyApprovalRequest(
  db: Db,
  order: { id: string; number: string; companyId: string | null; placedByName: string },
  approverIds: string[],
): Promise<void> {
  await notify(db, {
    userIds: approverIds,
    kind: 'order.approval_request',
    title: { ru: `Согласуйте заказ ${order.number}`, en: `Approve order ${order.number}` },
    body: {
      ru: `${order.placedByName} оформил заказ, который ждёт вашего решения.`,
      en: `${order.placedByName} placed an order that waits for your decision.`,
    },
    link: orderLink(order),
    data: { orderId: order.id },
  });
}

/** In-app: the approver decided (to the buyer). */
export async function notifyApprovalDecision(
  db: Db,
  order: { id: string; number: string; personId: string; companyId: string | null },
  approved: boolean,
  comment: string | null,
): Promise<void> {
  await notify(db, {
    userIds: [order.personId],
    kind: 'order.approval_decision',
    title: approved
      ? { ru: `Заказ ${order.number} согласован`, en: `Order ${order.number} approved` }
      : { ru: `Заказ ${order.number} отклонён`, en: `Order ${order.number} rejected` },
    body: { ru: comment ?? '', en: comment ?? '' },
    link: orderLink(order),
    data: { orderId: order.id, approved },
  });
}

/** In-app: a return request changed status. */
export async function notifyReturnStatus(
  db: Db,
  r: { number: string; personId: string },
  status: ReturnStatus,
  comment: string | null,
): Promise<void> {
  const s = returnStatusText[status];
  await notify(db, {
    userIds: [r.personId],
    kind: 'order.return',
    title: { ru: `Возврат ${r.number}: ${s.ru}`, en: `Return ${r.number}: ${s.en}` },
    body: { ru: comment ?? '', en: comment ?? '' },
    link: '/returns',
    data: { status },
  });
}

/** In-app: a claim changed status (to the member who filed it). */
export async function notifyClaimStatus(
  db: Db,
  c: { id: string; number: string; personId: string; companyId: string },
  status: ClaimStatus,
  answer: string | null,
): Promise<void> {
  const s = claimStatusText[status];
  await notify(db, {
    userIds: [c.personId],
    kind: 'order.claim',
    title: { ru: `Рекламация ${c.number}: ${s.ru}`, en: `Claim ${c.number}: ${s.en}` },
    body: { ru: answer ?? '', en: answer ?? '' },
    link: `/orgs/${c.companyId}/claims/${c.id}`,
    data: { claimId: c.id, status },
  });
}
