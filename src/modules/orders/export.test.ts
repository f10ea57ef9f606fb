import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from './aftercare.testkit.js';
import { orderLines } from './orders.tables.js';

let k: AftercareTestApp;
let customerCookie: string;
let buyerCookie: string;
let adminCookie: string;
let supportCookie: string;
let dealerId: string;
let clientId: string;
let p: TestProduct[];
let personal: { id: string; number: string };
let dealerOrder: { id: string; number: string };
let clientOrder: { id: string; number: string };

const get = (cookie: string | undefined, url: string) =>
  k.t.app.inject({ url, headers: { origin: k.origin, ...(cookie ? { cookie } : {}) } });

/** The text of every page of a PDF, joined by spaces. */
async function pdfText(data: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return parts.join(' ');
}

async function xlsxRows(data: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

beforeAll(async () => {
  k = await aftercareTestApp();
  customerCookie = k.cookie;
  buyerCookie = await k.cookieOf(demoPeople.buyer.email);
  adminCookie = await k.cookieOf(demoPeople.admin.email);
  supportCookie = await k.cookieOf(demoPeople.support.email);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyerCookie, demoCompanies.client.name);
  const buyerId = await k.personIdOf(demoPeople.buyer.email);
  p = await stockedProducts(k.t.db, 2);
  personal = await createTestOrder(k.t.db, {
    personId: k.personId,
    personName: demoPeople.customer.name,
    status: 'confirmed',
    deliveryCost: 350_00,
    lines: [
      { product: p[0] as TestProduct, quantity: 2 },
      { product: p[1] as TestProduct, quantity: 1.5 },
    ],
  });
  // The lines carry VAT 20 % (included in the prices).
  await k.t.db.update(orderLines).set({ vatRate: 20 }).where(eq(orderLines.orderId, personal.id));
  dealerOrder = await createTestOrder(k.t.db, {
    personId: buyerId,
    personName: demoPeople.buyer.name,
    companyId: dealerId,
    lines: [{ product: p[0] as TestProduct, quantity: 3 }],
  });
  clientOrder = await createTestOrder(k.t.db, {
    personId: buyerId,
    personName: demoPeople.buyer.name,
    companyId: clientId,
    lines: [{ product: p[1] as TestProduct, quantity: 1 }],
  });
}, 90_000);
afterAll(async () => k?.t.close());

describe('order documents', () => {
  it('gives the customer a PDF with the number, the Cyrillic lines and the totals', async () => {
    const res = await get(customerCookie, `/api/v1/me/orders/${personal.id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="order-${personal.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`Заказ ${personal.number}.pdf`)}`,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(personal.number);
    expect(text).toContain(p[0]?.name);
    // A long SKU may wrap inside its cell.
    expect(text.replace(/\s/g, '')).toContain(p[1]?.sku);
    expect(text).toContain('Подтверждён');
    expect(text).toContain(demoPeople.customer.name);
    expect(text).toContain('Москва, ул. Тверская, 1');
    expect(text).toContain('Итого');
    expect(text).toContain('НДС 20%');
  });

  it('writes the document in the language asked for, and refuses an unknown language', async () => {
    const en = await get(customerCookie, `/api/v1/me/orders/${personal.id}/export.pdf?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-disposition']).toContain(`filename*=UTF-8''Order%20${personal.number}.pdf`);
    const text = await pdfText(en.rawPayload);
    expect(text).toContain('Confirmed');
    expect(text).toContain('Total');
    expect(text).toContain(p[0]?.name);
    const bad = await get(customerCookie, `/api/v1/me/orders/${personal.id}/export.pdf?lang=de`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('lang');
  });

  it('gives an XLSX with the header, numeric lines and totals', async () => {
    const res = await get(customerCookie, `/api/v1/me/orders/${personal.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(`filename="order-${personal.number}.xlsx"`);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const rows = await xlsxRows(res.rawPayload);
    const flat = rows.flat();
    expect(flat).toContain(personal.number);
    const p0 = p[0] as TestProduct;
    const p1 = p[1] as TestProduct;
    const line1 = rows.find((r) => r[1] === p0.sku);
    expect(line1).toEqual([1, p0.sku, p0.name, 2, 'шт', p0.price / 100, (p0.price * 2) / 100]);
    const line2 = rows.find((r) => r[1] === p1.sku);
    expect(line2).toEqual([2, p1.sku, p1.name, 1.5, 'шт', p1.price / 100, (p1.price * 1.5) / 100]);
    const items = p0.price * 2 + p1.price * 1.5;
    const totalRow = rows.find((r) => r[5] === 'Итого');
    expect(totalRow?.[6]).toBe((items + 350_00) / 100);
    expect(rows.find((r) => r[5] === 'Доставка')?.[6]).toBe(350);
    const vat = Math.round((p0.price * 2 * 20) / 120) + Math.round((p1.price * 1.5 * 20) / 120);
    expect(rows.find((r) => r[5] === 'В т. ч. НДС 20%')?.[6]).toBe(vat / 100);
  });

  it('shows the company with its INN in the company scope', async () => {
    const res = await get(buyerCookie, `/api/v1/orgs/${dealerId}/orders/${dealerOrder.id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(dealerOrder.number);
    expect(text).toContain(demoCompanies.dealer.inn);
    const xlsx = await get(buyerCookie, `/api/v1/orgs/${dealerId}/orders/${dealerOrder.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect((await xlsxRows(xlsx.rawPayload)).flat().join(' ')).toContain(demoCompanies.dealer.inn);
  });

  it("answers 404 for another company's or person's order, 400 for a bad id, 401 anonymous (a non-member's company is 404 too)", async () => {
    for (const format of ['pdf', 'xlsx']) {
      expect(
        (await get(buyerCookie, `/api/v1/orgs/${dealerId}/orders/${clientOrder.id}/export.${format}`))
          .statusCode,
      ).toBe(404);
      expect((await get(buyerCookie, `/api/v1/me/orders/${personal.id}/export.${format}`)).statusCode).toBe(
        404,
      );
      expect(
        (await get(customerCookie, `/api/v1/me/orders/${dealerOrder.id}/export.${format}`)).statusCode,
      ).toBe(404);
      expect((await get(customerCookie, `/api/v1/me/orders/not-a-uuid/export.${format}`)).statusCode).toBe(
        400,
      );
      expect((await get(undefined, `/api/v1/me/orders/${personal.id}/export.${format}`)).statusCode).toBe(
        401,
      );
      expect(
        (await get(customerCookie, `/api/v1/orgs/${dealerId}/orders/${dealerOrder.id}/export.${format}`))
          .statusCode,
      ).toBe(404);
    }
  });

  it('lets the back office download any order (orders.manage), not support', async () => {
    const pdf = await get(adminCookie, `/api/v1/admin/orders/${clientOrder.id}/export.pdf?lang=en`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(clientOrder.number);
    expect(text).toContain(demoCompanies.client.inn);
    const xlsx = await get(adminCookie, `/api/v1/admin/orders/${personal.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect((await xlsxRows(xlsx.rawPayload)).flat()).toContain(personal.number);
    expect((await get(supportCookie, `/api/v1/admin/orders/${personal.id}/export.pdf`)).statusCode).toBe(403);
    expect(
      (await get(adminCookie, '/api/v1/admin/orders/0190e2a4-0000-7000-8000-000000000000/export.pdf'))
        .statusCode,
    ).toBe(404);
    expect((await get(adminCookie, '/api/v1/admin/orders/nope/export.xlsx')).statusCode).toBe(400);
  });
});
