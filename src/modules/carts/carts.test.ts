import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogTestApp } from '../catalog/browse/browse.testkit.js';
import { prices } from '../catalog/catalog.tables.js';
import { demoCompanies, demoPassword, demoPeople, origin } from '../companies/companies.testkit.js';
import { emptyCartAfterOrder, linesForCheckout } from './carts.service.js';

let c: Awaited<ReturnType<typeof catalogTestApp>>;
let buyer: string;
let bolt: { id: string; variantId: string };
let pipe: { id: string; variantId: string };
let hidden: { id: string; variantId: string };

const send = (
  cookie: string | undefined,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) =>
  c.k.t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });

function multipart(data: Buffer, filename: string) {
  const boundary = `----kabinet${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (cookie: string, url: string, data: Buffer, filename: string) => {
  const body = multipart(data, filename);
  return c.k.t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { origin, cookie, ...body.headers },
  });
};

async function personalCartId(cookie: string): Promise<string> {
  const res = await send(cookie, 'GET', '/api/v1/me/carts');
  expect(res.statusCode).toBe(200);
  return res.json().items[0].id;
}

beforeAll(async () => {
  c = await catalogTestApp();
  buyer = await c.k.cookieOf(demoPeople.buyer.email);
  const cat = await c.f.category('Крепёж');
  bolt = await c.f.product({
    name: 'Болт М8',
    sku: 'CT-BOLT-8',
    categoryId: cat.id,
    price: 1250,
    packSize: 10,
    minOrderQty: 20,
  });
  pipe = await c.f.product({ name: 'Труба 20 мм', sku: 'CT-PIPE-20', categoryId: cat.id, price: 9900 });
  hidden = await c.f.product({
    name: 'Архивный',
    sku: 'CT-OLD',
    categoryId: cat.id,
    price: 100,
    status: 'archived',
  });
  const wh = await c.f.warehouse('Основной', 1);
  await c.f.stock(bolt.variantId, wh, 500);
  await c.f.stock(pipe.variantId, wh, 3);
});
afterAll(async () => c?.k.t.close());

describe('personal cart', () => {
  it('adds with minimum order and pack multiplicity corrections, and sums repeated adds', async () => {
    const cartId = await personalCartId(c.customer);
    const res = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/lines`, {
      lines: [
        { variantId: bolt.variantId, quantity: 5 },
        { variantId: pipe.variantId, quantity: 2 },
        { variantId: hidden.variantId, quantity: 1 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.added).toBe(2);
    expect(body.corrected).toEqual([{ variantId: bolt.variantId, asked: 5, set: 20, reason: 'minimum' }]);
    expect(body.unavailable).toEqual([{ variantId: hidden.variantId, reason: 'unavailable' }]);
    const again = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/lines`, {
      lines: [{ variantId: bolt.variantId, quantity: 3 }],
    });
    expect(again.json().corrected).toEqual([
      { variantId: bolt.variantId, asked: 3, set: 30, reason: 'multiple' },
    ]);
    const cart = again.json().cart;
    const line = cart.lines.find((l: { sku: string }) => l.sku === 'CT-BOLT-8');
    expect(line).toMatchObject({
      quantity: 30,
      unitPrice: 1250,
      lineTotal: 37500,
      packSize: 10,
      minOrderQty: 20,
    });
    expect(line.available).toBeNull();
    expect(cart.totals).toMatchObject({ items: 2, quantity: 32, sum: 37500 + 19800 });
  });

  it('sets and fits quantities, notes changed prices and problems, removes and clears', async () => {
    const cartId = await personalCartId(c.customer);
    const set = await send(c.customer, 'PATCH', `/api/v1/me/carts/${cartId}/lines/${bolt.variantId}`, {
      quantity: 41,
    });
    expect(set.json().corrected[0]).toMatchObject({ set: 50, reason: 'multiple' });
    const pipeQty = await send(c.customer, 'PATCH', `/api/v1/me/carts/${cartId}/lines/${pipe.variantId}`, {
      quantity: 5,
    });
    expect(pipeQty.statusCode).toBe(200);
    await c.k.t.db
      .update(prices)
      .set({ amount: 1400 })
      .where(and(eq(prices.variantId, bolt.variantId)));
    const view = (await send(c.customer, 'GET', `/api/v1/me/carts/${cartId}`)).json();
    const bl = view.lines.find((l: { sku: string }) => l.sku === 'CT-BOLT-8');
    expect(bl.priceChanged).toEqual({ was: 1250, now: 1400 });
    expect(bl.unitPrice).toBe(1400);
    const pl = view.lines.find((l: { sku: string }) => l.sku === 'CT-PIPE-20');
    expect(pl.priceChanged).toBeNull();
    expect(pl.problems).toEqual(['not_enough_stock']);
    const removed = await send(c.customer, 'DELETE', `/api/v1/me/carts/${cartId}/lines/${pipe.variantId}`);
    expect(removed.json().cart.lines).toHaveLength(1);
    expect(
      (await send(c.customer, 'DELETE', `/api/v1/me/carts/${cartId}/lines/${pipe.variantId}`)).statusCode,
    ).toBe(404);
    expect(await linesForCheckout(c.k.t.db, cartId)).toEqual([{ variantId: bolt.variantId, quantity: 50 }]);
    const cleared = await send(c.customer, 'DELETE', `/api/v1/me/carts/${cartId}/lines`);
    expect(cleared.json().cart.lines).toEqual([]);
    await c.k.t.db.update(prices).set({ amount: 1250 }).where(eq(prices.variantId, bolt.variantId));
  });

  it('validates input with 400 problems, and refuses guests and other people’s carts', async () => {
    const cartId = await personalCartId(c.customer);
    for (const quantity of [0, -1, 1.0001]) {
      const res = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/lines`, {
        lines: [{ variantId: bolt.variantId, quantity }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const tooMany = Array.from({ length: 1001 }, () => ({ variantId: bolt.variantId, quantity: 1 }));
    expect(
      (await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/lines`, { lines: tooMany })).statusCode,
    ).toBe(400);
    expect((await send(undefined, 'GET', `/api/v1/me/carts/${cartId}`)).statusCode).toBe(401);
    expect((await send(buyer, 'GET', `/api/v1/me/carts/${cartId}`)).statusCode).toBe(404);
    expect(
      (
        await send(buyer, 'POST', `/api/v1/me/carts/${cartId}/lines`, {
          lines: [{ variantId: pipe.variantId, quantity: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await send(c.customer, 'GET', `/api/v1/orgs/${c.dealerId}/carts`)).statusCode).toBe(404);
  });
});

describe('quick order', () => {
  it('previews pasted text with corrections, unknown SKUs and bad lines, then adds the matched lines', async () => {
    const cartId = await personalCartId(c.customer);
    const text = [
      'ct-bolt-8 15',
      'CT-PIPE-20;2',
      'NOPE-1\t3',
      '',
      'CT-PIPE-20,1',
      'garbage',
      'CT-BOLT-8 abc',
      'CT-OLD 1',
    ].join('\n');
    const res = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/quick-order`, { text });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(
      p.matched.map((m: { line: number; sku: string; quantity: number; reason: string | null }) => [
        m.line,
        m.sku,
        m.quantity,
        m.reason,
      ]),
    ).toEqual([
      [1, 'CT-BOLT-8', 20, 'minimum'],
      [2, 'CT-PIPE-20', 2, null],
      [5, 'CT-PIPE-20', 1, null],
    ]);
    expect(p.matched[0]).toMatchObject({ asked: 15, unitPrice: 1250, lineTotal: 25000 });
    expect(p.unknown).toEqual([{ line: 3, sku: 'NOPE-1' }]);
    expect(p.unavailable).toEqual([{ line: 8, sku: 'CT-OLD', name: 'Архивный' }]);
    expect(p.bad).toEqual([
      { line: 6, text: 'garbage', reason: 'format' },
      { line: 7, text: 'CT-BOLT-8 abc', reason: 'quantity' },
    ]);
    expect(p.total).toBe(25000 + 9900 * 3);
    const before = (await send(c.customer, 'GET', `/api/v1/me/carts/${cartId}`)).json();
    expect(before.lines).toEqual([]);
    const add = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/lines`, {
      lines: p.matched.map((m: { variantId: string; quantity: number }) => ({
        variantId: m.variantId,
        quantity: m.quantity,
      })),
    });
    expect(add.json().cart.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ['CT-BOLT-8', 20],
      ['CT-PIPE-20', 3],
    ]);
    await send(c.customer, 'DELETE', `/api/v1/me/carts/${cartId}/lines`);
  });

  it('previews a 300-line XLSX and a CSV with unknown SKUs and bad lines', async () => {
    const cartId = await personalCartId(c.customer);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Заказ');
    sheet.addRow(['Артикул', 'Количество']);
    for (let i = 0; i < 300; i++)
      sheet.addRow([i % 3 === 0 ? 'ct-pipe-20' : i % 3 === 1 ? 'CT-BOLT-8' : `MISSING-${i}`, 2]);
    sheet.addRow(['CT-PIPE-20', 'много']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(c.customer, `/api/v1/me/carts/${cartId}/quick-order/file`, xlsx, 'order.xlsx');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.matched).toHaveLength(200);
    expect(p.unknown).toHaveLength(100);
    expect(p.unknown[0]).toEqual({ line: 4, sku: 'MISSING-2' });
    expect(p.bad).toEqual([{ line: 302, text: 'CT-PIPE-20 много', reason: 'quantity' }]);

    const csv = Buffer.from('SKU;Qty\nCT-PIPE-20;4\nUNKNOWN-X;1\n;5\nCT-BOLT-8;0\n', 'utf8');
    const r2 = await upload(c.customer, `/api/v1/me/carts/${cartId}/quick-order/file`, csv, 'order.csv');
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({
      matched: [{ line: 2, sku: 'CT-PIPE-20', quantity: 4 }],
      unknown: [{ line: 3, sku: 'UNKNOWN-X' }],
      bad: [
        { line: 4, reason: 'format' },
        { line: 5, reason: 'quantity' },
      ],
    });
    const notMultipart = await send(c.customer, 'POST', `/api/v1/me/carts/${cartId}/quick-order/file`, {
      text: 'x',
    });
    expect(notMultipart.statusCode).toBe(415);
    const binary = await upload(
      c.customer,
      `/api/v1/me/carts/${cartId}/quick-order/file`,
      Buffer.from([1, 0, 2, 0]),
      'x.bin',
    );
    expect(binary.statusCode).toBe(415);
  });
});

describe('guest cart', () => {
  it('keeps a guest cart by an httpOnly cookie and merges it into the cart on sign-in', async () => {
    const add = await send(undefined, 'POST', '/api/v1/public/cart/lines', {
      lines: [{ variantId: pipe.variantId, quantity: 2 }],
    });
    expect(add.statusCode).toBe(200);
    const cookie = add.cookies.find((k) => k.name === 'kabinet_cart');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const guest = `kabinet_cart=${cookie?.value}`;
    expect((await send(guest, 'GET', '/api/v1/public/cart')).json().cart.lines).toHaveLength(1);
    expect((await send(undefined, 'GET', '/api/v1/public/cart')).json().cart).toBeNull();
    const preview = await send(undefined, 'POST', '/api/v1/public/cart/quick-order', {
      text: 'CT-PIPE-20 1',
    });
    expect(preview.json().matched).toHaveLength(1);

    const customerCart = await personalCartId(c.customer);
    await send(c.customer, 'POST', `/api/v1/me/carts/${customerCart}/lines`, {
      lines: [{ variantId: pipe.variantId, quantity: 1 }],
    });
    const signIn = await c.k.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email: demoPeople.customer.email, password: demoPassword },
      headers: { origin, cookie: guest },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.cookies.find((k) => k.name === 'kabinet_cart')?.value).toBe('');
    const view = (await send(c.customer, 'GET', `/api/v1/me/carts/${customerCart}`)).json();
    expect(view.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ['CT-PIPE-20', 3],
    ]);
    expect((await send(guest, 'GET', '/api/v1/public/cart')).json().cart).toBeNull();
    await emptyCartAfterOrder(c.k.t.db, customerCart);
    expect(await linesForCheckout(c.k.t.db, customerCart)).toEqual([]);
  });
});

describe('company carts', () => {
  it('gives each member a default cart, named carts shared or private, and checks permissions', async () => {
    const base = `/api/v1/orgs/${c.dealerId}/carts`;
    const mine = (await send(c.dealerOwner, 'GET', base)).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'company', isDefault: true, mine: true });
    const shared = await send(c.dealerOwner, 'POST', base, { name: 'Объект на Ленина', shared: true });
    const secret = await send(c.dealerOwner, 'POST', base, { name: 'Личный список' });
    expect([shared.statusCode, secret.statusCode]).toEqual([201, 201]);
    const sharedId = shared.json().id;
    const secretId = secret.json().id;
    expect((await send(c.dealerOwner, 'POST', base, { name: '' })).statusCode).toBe(400);

    const seen = (await send(buyer, 'GET', base)).json().items;
    expect(seen.map((x: { name: string | null; mine: boolean }) => [x.name, x.mine])).toEqual([
      [null, true],
      ['Объект на Ленина', false],
    ]);
    expect(seen[1].createdBy.name).toBe(demoPeople.owner.name);
    expect((await send(buyer, 'GET', `${base}/${secretId}`)).statusCode).toBe(404);
    const added = await send(buyer, 'POST', `${base}/${sharedId}/lines`, {
      lines: [{ variantId: bolt.variantId, quantity: 20 }],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().cart.lines[0].available).toBe(500);
    expect((await send(buyer, 'PATCH', `${base}/${sharedId}`, { name: 'Моё' })).statusCode).toBe(403);
    expect((await send(buyer, 'DELETE', `${base}/${sharedId}`)).statusCode).toBe(403);
    const unshare = await send(c.dealerOwner, 'PATCH', `${base}/${sharedId}`, {
      shared: false,
      name: 'Ленина',
    });
    expect(unshare.json()).toMatchObject({ name: 'Ленина', shared: false });
    expect((await send(buyer, 'GET', `${base}/${sharedId}`)).statusCode).toBe(404);
    expect((await send(c.dealerOwner, 'DELETE', `${base}/${mine[0].id}`)).statusCode).toBe(409);
    expect((await send(c.dealerOwner, 'DELETE', `${base}/${secretId}`)).statusCode).toBe(204);

    // The buyer only views in the client company: reading is allowed, changing is 403.
    const clientId = await c.k.companyIdOf(buyer, demoCompanies.client.name);
    {
      const clientCarts = await send(buyer, 'GET', `/api/v1/orgs/${clientId}/carts`);
      expect(clientCarts.statusCode).toBe(200);
      const id = clientCarts.json().items[0].id;
      expect(
        (
          await send(buyer, 'POST', `/api/v1/orgs/${clientId}/carts/${id}/lines`, {
            lines: [{ variantId: bolt.variantId, quantity: 20 }],
          })
        ).statusCode,
      ).toBe(403);
    }
    // Another company's cart id is 404, and so is its scope.
    expect(
      (await send(c.supplierOwner, 'GET', `/api/v1/orgs/${c.supplierId}/carts/${sharedId}`)).statusCode,
    ).toBe(404);
    expect((await send(c.supplierOwner, 'GET', base)).statusCode).toBe(404);
    expect((await send(undefined, 'GET', base)).statusCode).toBe(401);
  });
});
