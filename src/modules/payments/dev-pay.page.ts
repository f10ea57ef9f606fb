import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { devPayPagePath, queueDevWebhook } from './dev.provider.js';
import { devPayPayments } from './payments.tables.js';

/** Test cards of the dev provider (docs/payments.md). Any other number: an even last digit pays, odd declines. */
export const devTestCards = {
  success: '4242424242424242',
  declined: '4000000000000002',
  threeDs: '4000000000003220',
} as const;
export const devThreeDsCode = '123456';

type DevRow = typeof devPayPayments.$inferSelect;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const rubles = (kopecks: number) =>
  new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(kopecks / 100);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function load(db: Db, id: string): Promise<DevRow> {
  const [row] = await db.select().from(devPayPayments).where(eq(devPayPayments.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such dev payment');
  return row;
}

/** The dev provider's payment page: a card form, or the code form of the 3-D-Secure-like step. */
export async function renderDevPayPage(db: Db, id: string, notice?: string): Promise<string> {
  const row = await load(db, id);
  const head = `<p>Тестовый платёж / Test payment: <strong>${escapeHtml(rubles(row.amount))}</strong></p><p>${escapeHtml(row.description)}</p>${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}`;
  const action = `${devPayPagePath}/${row.id}`;
  if (row.status !== 'pending') {
    return page(
      'Платёж обработан / Payment processed',
      `${head}<p><a href="${escapeHtml(row.returnUrl)}">Вернуться / Return</a></p>`,
    );
  }
  if (row.awaitingCode) {
    return page(
      'Подтверждение / Confirmation',
      `${head}<form method="post" action="${action}"><label>Код из SMS / Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label> <button type="submit">Подтвердить / Confirm</button></form>`,
    );
  }
  return page(
    'Оплата картой / Card payment',
    `${head}<form method="post" action="${action}"><label>Номер карты / Card number <input name="card" inputmode="numeric" autocomplete="cc-number" required></label> <label>Срок / Expiry (MM/YY) <input name="expiry" autocomplete="cc-exp" placeholder="12/30"></label> <button type="submit">Оплатить / Pay</button></form><p>Успех / success: ${devTestCards.success}; отказ / declined: ${devTestCards.declined}; 3-D Secure: ${devTestCards.threeDs} (${devThreeDsCode})</p>`,
  );
}

export type DevPayOutcome = { redirectTo: string } | { html: string };

/** Handles a submitted card or code, like a provider's page: finish and redirect back, or ask for the code. */
export async function submitDevPayForm(
  db: Db,
  id: string,
  form: { card?: string | undefined; expiry?: string | undefined; code?: string | undefined },
): Promise<DevPayOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(devPayPayments).where(eq(devPayPayments.id, id)).for('update');
    if (!row) throw new AppError('NOT_FOUND', 'No such dev payment');
    if (row.status !== 'pending') return { redirectTo: row.returnUrl };
    if (row.awaitingCode) {
      return finish(tx, row, form.code?.trim() === devThreeDsCode ? null : '3-D Secure code was wrong');
    }
    const card = (form.card ?? '').replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(card)) {
      return { html: await renderDevPayPage(tx, id, 'Введите номер карты / Enter a card number') };
    }
    const expiry = /^(\d{1,2})\s*\/\s*(\d{2})$/.exec(form.expiry ?? '');
    await tx
      .update(devPayPayments)
      .set({
        cardLast4: card.slice(-4),
        cardExpiryMonth: expiry ? Number(expiry[1]) : 12,
        cardExpiryYear: expiry ? 2000 + Number(expiry[2]) : 2030,
      })
      .where(eq(devPayPayments.id, id));
    const withCard = await load(tx, id);
    if (card === devTestCards.threeDs) {
      await tx.update(devPayPayments).set({ awaitingCode: true }).where(eq(devPayPayments.id, id));
      return { html: await renderDevPayPage(tx, id) };
    }
    const declined = card === devTestCards.declined || Number(card.at(-1)) % 2 === 1;
    return finish(tx, withCard, declined ? 'The card was declined' : null);
  });
}

async function finish(db: Db, row: DevRow, failure: string | null): Promise<DevPayOutcome> {
  const status = failure ? ('canceled' as const) : ('succeeded' as const);
  const methodToken = failure ? null : `devpm_${uuidv7()}`;
  const methodSaved = !failure && row.savePaymentMethod;
  await db
    .update(devPayPayments)
    .set({ status, awaitingCode: false, methodToken, methodSaved, cancellationReason: failure })
    .where(and(eq(devPayPayments.id, row.id), eq(devPayPayments.status, 'pending')));
  await queueDevWebhook(db, failure ? 'payment.canceled' : 'payment.succeeded', {
    id: row.id,
    status,
    ...(methodToken
      ? {
          paymentMethod: {
            token: methodToken,
            saved: methodSaved,
            brand: 'DEV',
            ...(row.cardLast4 ? { last4: row.cardLast4 } : {}),
            ...(row.cardExpiryMonth ? { expiryMonth: row.cardExpiryMonth } : {}),
            ...(row.cardExpiryYear ? { expiryYear: row.cardExpiryYear } : {}),
          },
        }
      : {}),
  });
  return { redirectTo: row.returnUrl };
}
