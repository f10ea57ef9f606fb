import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../server/core/jobs/jobs.tables.js';
import { storageFor } from '../../server/core/storage.js';
import { devWebhookPath, devWebhookSecret, signDevWebhook } from './dev.provider.js';
import { devTestCards, devThreeDsCode } from './dev-pay.page.js';
import { paymentsPersonalData } from './payments.personal-data.js';
import { paymentOf, refundPayment, startPayment } from './payments.service.js';
import { paymentEvents, payments, savedPaymentMethods } from './payments.tables.js';
import { paymentsTestApp } from './payments.testkit.js';

let env: Awaited<ReturnType<typeof paymentsTestApp>>;
beforeAll(async () => {
  env = await paymentsTestApp();
});
afterAll(async () => env?.t.close());

const start = (overrides: Partial<Parameters<typeof startPayment>[2]> = {}) =>
  startPayment(env.t.db, env.ctx, {
    subjectType: 'order',
    subjectId: uuidv7(),
    amount: 10_000,
    description: 'Заказ K-2026-000001',
    payer: { personId: env.personId },
    returnUrl: `${env.origin}/orders/1`,
    idempotencyKey: uuidv7(),
    ...overrides,
  });

const pagePath = (confirmationUrl: string | null) => new URL(confirmationUrl as string).pathname;

const submit = (path: string, form: Record<string, string>) =>
  env.t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

const eventsOf = async (topic: string, paymentId: string) =>
  env.t.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.topic, topic), sql`${outboxEvents.payload}->>'paymentId' = ${paymentId}`));

const savedCards = () =>
  env.t.app.inject({ url: '/api/v1/me/payment-methods', headers: { cookie: env.cookie } });

/** Pays a new payment on the dev page with a card that succeeds and lets the webhook arrive. */
async function paidPayment(overrides: Partial<Parameters<typeof startPayment>[2]> = {}) {
  const payment = await start(overrides);
  await submit(pagePath(payment.confirmationUrl), { card: devTestCards.success, expiry: '12/30' });
  await env.t.drainJobs();
  return paymentOf(env.t.db, payment.id);
}

describe('dev provider: paying on the payment page', () => {
  it('goes page → 3-D Secure code → back to the shop → signed webhook → succeeded, and tells other modules', async () => {
    const payment = await start({ savePaymentMethod: true });
    expect(payment).toMatchObject({ status: 'pending', provider: 'dev', amount: 10_000 });
    const path = pagePath(payment.confirmationUrl);
    expect(path).toMatch(/^\/api\/v1\/public\/payments\/dev-pay\//);

    const page = await env.t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Заказ K-2026-000001');
    expect(page.body).toMatch(/100,00/);

    const codeStep = await submit(path, { card: devTestCards.threeDs, expiry: '11/29' });
    expect(codeStep.statusCode).toBe(200);
    expect(codeStep.body).toContain('name="code"');

    const back = await submit(path, { code: devThreeDsCode });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`${env.origin}/orders/1`);
    // The shop learns the outcome from the webhook, not from the redirect.
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('pending');

    await env.t.drainJobs();
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('succeeded');
    expect(await eventsOf('payments.succeeded', payment.id)).toHaveLength(1);
    const [event] = await env.t.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.paymentId, payment.id));
    expect(event?.event).toBe('payment.succeeded');

    const cards = (await savedCards()).json().items;
    expect(cards).toEqual([
      expect.objectContaining({ provider: 'dev', cardLast4: '3220', expiryMonth: 11, expiryYear: 2029 }),
    ]);
    expect(JSON.stringify(cards)).not.toContain('devpm_');
  });

  it('cancels on the declined test card and on a wrong confirmation code', async () => {
    const declined = await start({ savePaymentMethod: true });
    const res = await submit(pagePath(declined.confirmationUrl), { card: devTestCards.declined });
    expect(res.statusCode).toBe(303);
    await env.t.drainJobs();
    expect((await paymentOf(env.t.db, declined.id)).status).toBe('canceled');
    expect(await eventsOf('payments.canceled', declined.id)).toHaveLength(1);
    expect(await eventsOf('payments.succeeded', declined.id)).toHaveLength(0);

    const wrongCode = await start();
    const path = pagePath(wrongCode.confirmationUrl);
    await submit(path, { card: devTestCards.threeDs });
    await submit(path, { code: '000000' });
    await env.t.drainJobs();
    expect((await paymentOf(env.t.db, wrongCode.id)).status).toBe('canceled');
    // Declined cards are never remembered.
    const tokens = await env.t.db.select().from(savedPaymentMethods);
    expect(tokens.every((m) => m.cardLast4 !== devTestCards.declined.slice(-4))).toBe(true);
  });

  it('asks again for a card number that is not one, and answers an unknown payment with 404', async () => {
    const payment = await start();
    const res = await submit(pagePath(payment.confirmationUrl), { card: 'abc' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('role="alert"');
    expect((await env.t.app.inject({ url: `/api/v1/public/payments/dev-pay/${uuidv7()}` })).statusCode).toBe(
      404,
    );
    expect((await env.t.app.inject({ url: '/api/v1/public/payments/dev-pay/nope' })).statusCode).toBe(400);
  });

  it('refuses a return address that is not a web address, and an amount that is not positive kopecks', async () => {
    await expect(start({ returnUrl: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(start({ amount: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(start({ amount: 10.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('returns the first payment for a repeated idempotency key', async () => {
    const key = uuidv7();
    const first = await start({ idempotencyKey: key });
    const again = await start({ idempotencyKey: key, amount: 1 });
    expect(again.id).toBe(first.id);
    expect(again.amount).toBe(10_000);
  });
});

describe('dev provider: webhook security', () => {
  const secret = () => devWebhookSecret(env.ctx.secrets.sessionSecret);
  const post = (body: string, signature?: string) =>
    env.t.app.inject({
      method: 'POST',
      url: devWebhookPath,
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-dev-pay-signature': signature } : {}),
      },
      payload: body,
    });
  const providerIdOf = async (id: string) =>
    (await env.t.db.select().from(payments).where(eq(payments.id, id)))[0]?.providerPaymentId as string;

  it('rejects a missing or wrong signature and changes nothing; a repeated event is harmless', async () => {
    const payment = await start();
    const body = JSON.stringify({
      id: uuidv7(),
      event: 'payment.succeeded',
      object: { id: await providerIdOf(payment.id), status: 'succeeded' },
    });
    const eventsBefore = (await env.t.db.select().from(paymentEvents)).length;

    const unsigned = await post(body);
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('WEBHOOK_REJECTED');
    expect((await post(body, signDevWebhook('not-the-secret', body))).statusCode).toBe(401);
    expect((await post(`${body} `, signDevWebhook(secret(), body))).statusCode).toBe(401);
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('pending');
    expect(await env.t.db.select().from(paymentEvents)).toHaveLength(eventsBefore);

    // The same body, correctly signed, is accepted: the 401s came from the signature alone.
    const good = await post(body, signDevWebhook(secret(), body));
    expect(good.json()).toEqual({ ok: true, duplicate: false });
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('succeeded');

    const repeat = await post(body, signDevWebhook(secret(), body));
    expect(repeat.json()).toEqual({ ok: true, duplicate: true });
    expect(await eventsOf('payments.succeeded', payment.id)).toHaveLength(1);
  });

  it('never moves a final status back', async () => {
    const payment = await paidPayment();
    const body = JSON.stringify({
      id: uuidv7(),
      event: 'payment.canceled',
      object: { id: await providerIdOf(payment.id), status: 'canceled' },
    });
    expect((await post(body, signDevWebhook(secret(), body))).statusCode).toBe(200);
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('succeeded');
    expect(await eventsOf('payments.canceled', payment.id)).toHaveLength(0);
  });

  it('refuses a signed body that is not a notification, and a provider that is not configured', async () => {
    const body = JSON.stringify({ hello: 'world' });
    expect((await post(body, signDevWebhook(secret(), body))).statusCode).toBe(400);
    const yk = await env.t.app.inject({
      method: 'POST',
      url: '/api/v1/public/payments/webhooks/yookassa',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(yk.statusCode).toBe(404);
  });
});

describe('refunds', () => {
  it('refunds part, refuses more than is left, refunds the rest, and tells other modules each time', async () => {
    const payment = await paidPayment();
    const part = await refundPayment(env.t.db, env.ctx, {
      paymentId: payment.id,
      amount: 3_000,
      idempotencyKey: uuidv7(),
    });
    expect(part).toMatchObject({ amount: 3_000, status: 'succeeded' });
    expect((await paymentOf(env.t.db, payment.id)).refundedAmount).toBe(3_000);

    await expect(
      refundPayment(env.t.db, env.ctx, { paymentId: payment.id, amount: 7_001, idempotencyKey: uuidv7() }),
    ).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });
    expect((await paymentOf(env.t.db, payment.id)).refundedAmount).toBe(3_000);

    const key = uuidv7();
    const rest = await refundPayment(env.t.db, env.ctx, { paymentId: payment.id, idempotencyKey: key });
    expect(rest).toMatchObject({ amount: 7_000, status: 'succeeded' });
    const repeat = await refundPayment(env.t.db, env.ctx, { paymentId: payment.id, idempotencyKey: key });
    expect(repeat.id).toBe(rest.id);

    // The dev provider's refund webhooks arrive afterwards and change nothing.
    await env.t.drainJobs();
    expect((await paymentOf(env.t.db, payment.id)).refundedAmount).toBe(10_000);
    const refunded = await eventsOf('payments.refunded', payment.id);
    expect(refunded.map((e) => e.payload)).toEqual([
      expect.objectContaining({ amount: 3_000, fullyRefunded: false }),
      expect.objectContaining({ amount: 7_000, fullyRefunded: true }),
    ]);
    await expect(
      refundPayment(env.t.db, env.ctx, { paymentId: payment.id, amount: 1, idempotencyKey: uuidv7() }),
    ).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });
  });

  it('refuses to refund a payment that has not succeeded', async () => {
    const payment = await start();
    await expect(
      refundPayment(env.t.db, env.ctx, { paymentId: payment.id, idempotencyKey: uuidv7() }),
    ).rejects.toMatchObject({ code: 'PAYMENT_NOT_REFUNDABLE' });
  });
});

describe('saved cards and one-click payment', () => {
  it('pays with a saved card without the page, only for its owner', async () => {
    await paidPayment({ savePaymentMethod: true });
    const [card] = (await savedCards()).json().items;
    expect(card).toMatchObject({ cardLast4: '4242' });

    const oneClick = await start({ savedMethodId: card.id, amount: 2_500 });
    expect(oneClick).toMatchObject({ status: 'succeeded', confirmationUrl: null });
    expect(await eventsOf('payments.succeeded', oneClick.id)).toHaveLength(1);
    await env.t.drainJobs();
    expect(await eventsOf('payments.succeeded', oneClick.id)).toHaveLength(1);

    await expect(
      start({ savedMethodId: card.id, payer: { personId: 'someone-else' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists and forgets saved cards of the signed-in person only', async () => {
    expect((await env.t.app.inject({ url: '/api/v1/me/payment-methods' })).statusCode).toBe(401);
    const before = (await savedCards()).json().items;
    expect(before.length).toBeGreaterThan(0);
    const del = (id: string) =>
      env.t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/payment-methods/${id}`,
        headers: { cookie: env.cookie, origin: env.origin },
      });
    expect((await del('not-a-uuid')).statusCode).toBe(400);
    expect((await del(uuidv7())).statusCode).toBe(404);
    for (const card of before) expect((await del(card.id)).statusCode).toBe(204);
    expect((await savedCards()).json().items).toEqual([]);
    expect((await del(before[0].id)).statusCode).toBe(404);
  });
});

describe('personal data', () => {
  it('exports saved cards without tokens and payments; erasure forgets the cards and keeps the payments', async () => {
    const paid = await paidPayment({ savePaymentMethod: true });
    const [provider] = paymentsPersonalData;
    if (!provider) throw new Error('no personal-data provider');
    const ctx = {
      db: env.t.db,
      userId: env.personId,
      storage: storageFor(env.t.app.kabinet.config),
      person: { email: 'customer@demo.kabinet.local', name: 'x', phone: null },
    };
    const exported = (await provider.export(ctx)) as { savedCards: unknown[]; payments: { id: string }[] };
    expect(exported.savedCards.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported)).not.toContain('devpm_');
    expect(exported.payments.map((p) => p.id)).toContain(paid.id);
    await provider.erase(ctx);
    expect(
      await env.t.db.select().from(savedPaymentMethods).where(eq(savedPaymentMethods.personId, env.personId)),
    ).toEqual([]);
    expect((await paymentOf(env.t.db, paid.id)).status).toBe('succeeded');
  });
});
