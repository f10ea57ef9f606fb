import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/core/config.js';
import { outboxEvents } from '../../server/core/jobs/jobs.tables.js';
import { paymentOf, refundPayment, startPayment } from './payments.service.js';
import { paymentsTestApp } from './payments.testkit.js';
import { toYooKassaValue } from './yookassa.provider.js';

// A stand-in for https://api.yookassa.ru/v3 on a local port: Basic auth, Idempotence-Key on POSTs, and
// payment/refund objects shaped like the API v3 ones. `pay()` plays the payer finishing the payment page.
const shopId = '123456';
const secretKey = 'test_secret_key_0123456789';
type Obj = Record<string, unknown>;
const stored = new Map<string, Obj>();
const byKey = new Map<string, Obj>();
let requests: { method: string; url: string; headers: IncomingMessage['headers']; body: Obj | null }[] = [];
let failNext = 0;
let server: Server;
let env: Awaited<ReturnType<typeof paymentsTestApp>>;

function answer(req: IncomingMessage, body: Obj | null): { status: number; json: Obj } {
  const expectedAuth = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
  if (req.headers.authorization !== expectedAuth) {
    return {
      status: 401,
      json: { type: 'error', code: 'invalid_credentials', description: 'Bad credentials' },
    };
  }
  if (failNext > 0) {
    failNext--;
    return { status: 500, json: { type: 'error', code: 'internal_server_error', description: 'Try later' } };
  }
  const key = req.headers['idempotence-key'];
  if (req.method === 'POST' && typeof key === 'string' && byKey.has(key)) {
    return { status: 200, json: byKey.get(key) as Obj };
  }
  if (req.method === 'POST' && !key) return { status: 400, json: { type: 'error', code: 'invalid_request' } };
  let created: Obj | undefined;
  if (req.method === 'POST' && req.url === '/payments' && body) {
    const id = `2d${uuidv7().slice(2)}`;
    const oneClick = typeof body.payment_method_id === 'string';
    created = {
      id,
      status: oneClick ? 'succeeded' : 'pending',
      paid: oneClick,
      amount: body.amount,
      description: body.description,
      metadata: body.metadata,
      created_at: new Date().toISOString(),
      test: true,
      ...(oneClick
        ? { payment_method: { type: 'bank_card', id: body.payment_method_id, saved: true } }
        : {
            confirmation: {
              type: 'redirect',
              return_url: (body.confirmation as Obj).return_url,
              confirmation_url: `https://yoomoney.ru/checkout/payments/v2/contract?orderId=${id}`,
            },
            save_payment_method: body.save_payment_method,
          }),
    };
  } else if (req.method === 'POST' && req.url === '/refunds' && body) {
    created = {
      id: `2e${uuidv7().slice(2)}`,
      payment_id: body.payment_id,
      status: 'succeeded',
      amount: body.amount,
    };
  }
  if (created) {
    stored.set(created.id as string, created);
    byKey.set(key as string, created);
    return { status: 200, json: created };
  }
  const found = /^\/(payments|refunds)\/([\w-]+)$/.exec(req.url ?? '');
  const object = found && req.method === 'GET' ? stored.get(found[2] as string) : undefined;
  if (object) return { status: 200, json: object };
  return { status: 404, json: { type: 'error', code: 'not_found', description: 'Not found' } };
}

/** The payer pays on YooKassa's page with a card they agree to save. */
function pay(providerPaymentId: string) {
  const p = stored.get(providerPaymentId) as Obj;
  p.status = 'succeeded';
  p.paid = true;
  p.payment_method = {
    type: 'bank_card',
    id: `pm-${providerPaymentId}`,
    saved: Boolean(p.save_payment_method),
    card: {
      first6: '555555',
      last4: '4477',
      expiry_month: '07',
      expiry_year: '2031',
      card_type: 'MasterCard',
    },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Obj) : null;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const { status, json } = answer(req, body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = await paymentsTestApp({
    payments: { provider: 'yookassa', shopId, secretKey, apiUrl, webhookIps: ['127.0.0.1', '2001:db8::/32'] },
  });
});
afterAll(async () => {
  await env?.t.close();
  server?.close();
});
beforeEach(() => {
  requests = [];
});

const start = (overrides: Partial<Parameters<typeof startPayment>[2]> = {}) =>
  startPayment(env.t.db, env.ctx, {
    subjectType: 'order',
    subjectId: uuidv7(),
    amount: 12_345,
    description: 'Заказ K-2026-000002',
    payer: { personId: env.personId },
    returnUrl: `${env.origin}/orders/2`,
    idempotencyKey: uuidv7(),
    ...overrides,
  });
const notify = (event: string, id: string) =>
  env.t.app.inject({
    method: 'POST',
    url: '/api/v1/public/payments/webhooks/yookassa',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ type: 'notification', event, object: { id, status: 'succeeded', paid: true } }),
  });
const providerIdOf = (confirmationUrl: string | null) =>
  new URL(confirmationUrl as string).searchParams.get('orderId') as string;
const eventsOf = async (topic: string, paymentId: string) =>
  env.t.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.topic, topic), sql`${outboxEvents.payload}->>'paymentId' = ${paymentId}`));

describe('YooKassa adapter against an imitation of API v3', () => {
  it('creates a payment with Basic auth, an Idempotence-Key and the API v3 body', async () => {
    const key = uuidv7();
    const payment = await start({ idempotencyKey: key, savePaymentMethod: true });
    expect(payment).toMatchObject({ status: 'pending', provider: 'yookassa' });
    expect(payment.confirmationUrl).toMatch(/^https:\/\/yoomoney\.ru\/checkout\//);
    const [call] = requests;
    expect(call).toMatchObject({ method: 'POST', url: '/payments' });
    expect(call?.headers['idempotence-key']).toBe(key);
    expect(call?.body).toEqual({
      amount: { value: '123.45', currency: 'RUB' },
      capture: true,
      description: 'Заказ K-2026-000002',
      metadata: { kabinetPaymentId: payment.id },
      confirmation: { type: 'redirect', return_url: `${env.origin}/orders/2` },
      save_payment_method: true,
    });
    expect(toYooKassaValue(5)).toBe('0.05');
  });

  it('trusts a notification only after the API confirms it, records it once, and saves the card', async () => {
    const payment = await start({ savePaymentMethod: true });
    const providerId = providerIdOf(payment.confirmationUrl);

    // Unknown to YooKassa: a forgery; rejected, nothing changes.
    const forged = await notify('payment.succeeded', 'no-such-payment');
    expect(forged.statusCode).toBe(401);
    // Known but not paid: the body says succeeded, the API says pending; the API wins.
    expect((await notify('payment.succeeded', providerId)).statusCode).toBe(200);
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('pending');
    expect(requests.some((r) => r.method === 'GET' && r.url === `/payments/${providerId}`)).toBe(true);

    pay(providerId);
    expect((await notify('payment.succeeded', providerId)).json()).toEqual({ ok: true, duplicate: false });
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('succeeded');
    expect((await notify('payment.succeeded', providerId)).json()).toEqual({ ok: true, duplicate: true });
    expect(await eventsOf('payments.succeeded', payment.id)).toHaveLength(1);

    const cards = await env.t.app.inject({
      url: '/api/v1/me/payment-methods',
      headers: { cookie: env.cookie },
    });
    expect(cards.json().items).toEqual([
      expect.objectContaining({
        provider: 'yookassa',
        cardLast4: '4477',
        cardBrand: 'MasterCard',
        expiryYear: 2031,
      }),
    ]);
  });

  it('pays one-click with the saved card id and no confirmation', async () => {
    const [card] = (
      await env.t.app.inject({ url: '/api/v1/me/payment-methods', headers: { cookie: env.cookie } })
    ).json().items;
    const payment = await start({ savedMethodId: card.id });
    expect(payment).toMatchObject({ status: 'succeeded', confirmationUrl: null });
    expect(requests[0]?.body).toMatchObject({ payment_method_id: expect.stringMatching(/^pm-/) });
    expect(requests[0]?.body).not.toHaveProperty('confirmation');
  });

  it('refuses a notification from an address outside the allow-list before asking the API', async () => {
    const payment = await start();
    const providerId = providerIdOf(payment.confirmationUrl);
    pay(providerId);
    requests = [];
    const res = await env.t.app.inject({
      method: 'POST',
      url: '/api/v1/public/payments/webhooks/yookassa',
      remoteAddress: '203.0.113.9',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        type: 'notification',
        event: 'payment.succeeded',
        object: { id: providerId },
      }),
    });
    expect(res.statusCode).toBe(401);
    expect(requests).toEqual([]);
    expect((await paymentOf(env.t.db, payment.id)).status).toBe('pending');
  });

  it('refunds through POST /refunds and treats the refund notification as a confirmation', async () => {
    const payment = await start();
    const providerId = providerIdOf(payment.confirmationUrl);
    pay(providerId);
    await notify('payment.succeeded', providerId);
    const key = uuidv7();
    const refund = await refundPayment(env.t.db, env.ctx, {
      paymentId: payment.id,
      amount: 5_000,
      idempotencyKey: key,
    });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 5_000 });
    const call = requests.find((r) => r.url === '/refunds');
    expect(call?.headers['idempotence-key']).toBe(key);
    expect(call?.body).toEqual({ payment_id: providerId, amount: { value: '50.00', currency: 'RUB' } });
    const providerRefund = [...stored.values()].find((o) => o.payment_id === providerId) as Obj;
    expect((await notify('refund.succeeded', providerRefund.id as string)).statusCode).toBe(200);
    expect((await paymentOf(env.t.db, payment.id)).refundedAmount).toBe(5_000);
    expect(await eventsOf('payments.refunded', payment.id)).toHaveLength(1);
  });

  it('fails cleanly when YooKassa errs, and a retry with the same key creates the payment once', async () => {
    const key = uuidv7();
    failNext = 1;
    await expect(start({ idempotencyKey: key })).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_FAILED' });
    const retried = await start({ idempotencyKey: key });
    expect(retried.status).toBe('pending');
    expect(requests.filter((r) => r.url === '/payments').map((r) => r.headers['idempotence-key'])).toEqual([
      key,
      key,
    ]);
    expect((await start({ idempotencyKey: key })).id).toBe(retried.id);
  });
});

describe('payment configuration', () => {
  it('uses the dev provider by default and YooKassa when asked', () => {
    expect(loadConfig({}).payments).toEqual({ provider: 'dev' });
    expect(
      loadConfig({ PAYMENT_PROVIDER: 'yookassa', YOOKASSA_SHOP_ID: shopId, YOOKASSA_SECRET_KEY: secretKey })
        .payments,
    ).toEqual({
      provider: 'yookassa',
      shopId,
      secretKey,
      apiUrl: 'https://api.yookassa.ru/v3',
      webhookIps: [],
    });
    expect(
      loadConfig({
        PAYMENT_PROVIDER: 'yookassa',
        YOOKASSA_SHOP_ID: shopId,
        YOOKASSA_SECRET_KEY: secretKey,
        YOOKASSA_WEBHOOK_IPS: '185.71.76.0/27, 77.75.156.11,2a02:5180::/32',
      }).payments,
    ).toMatchObject({ webhookIps: ['185.71.76.0/27', '77.75.156.11', '2a02:5180::/32'] });
    expect(() => loadConfig({ YOOKASSA_WEBHOOK_IPS: 'yookassa.ru' })).toThrow(/YOOKASSA_WEBHOOK_IPS/);
  });

  it('stops with a clear message when YooKassa is chosen without its shop id or secret key', () => {
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'yookassa', YOOKASSA_SHOP_ID: shopId })).toThrow(ConfigError);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'yookassa', YOOKASSA_SECRET_KEY: secretKey })).toThrow(
      /YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY are required/,
    );
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe' })).toThrow(/PAYMENT_PROVIDER="stripe" is invalid/);
  });
});
