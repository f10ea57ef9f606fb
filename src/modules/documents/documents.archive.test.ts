import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
} from '../companies/companies.testkit.js';
import { createTestOrder, stockedProducts } from '../orders/aftercare.testkit.js';
import { users } from '../people/people.tables.js';
import { uniqueFileNames } from './documents.archive.js';

let k: CompaniesTestApp;
let accountant: string;
let dealerId: string;
let supplierId: string;
let supplierOwner: string;
let orders: { id: string; number: string }[];
/** Invoices: for orders[0], orders[1], and a free amount. */
let docs: { id: string; number: string; url: string; fileName: string }[];

const base = (orgId: string) => `/api/v1/orgs/${orgId}/documents`;

/** The ZIP's entries (name → bytes), read back with the system `unzip`. */
function unzipEntries(zip: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-zip-'));
  try {
    const path = join(dir, 'a.zip');
    writeFileSync(path, zip);
    const names = execFileSync('unzip', ['-Z1', path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean);
    return new Map(
      names.map((name) => [name, execFileSync('unzip', ['-p', path, name], { maxBuffer: 1 << 26 })]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  k = await companiesTestApp();
  accountant = await k.cookieOf(demoPeople.accountant.email);
  dealerId = await k.companyIdOf(accountant, demoCompanies.dealer.name);
  supplierOwner = await k.cookieOf(demoPeople.supplier.email);
  supplierId = await k.companyIdOf(supplierOwner, demoCompanies.supplier.name);
  const [person] = await k.t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoPeople.accountant.email));
  const [product] = await stockedProducts(k.t.db, 1);
  if (!product || !person) throw new Error('no demo data');
  orders = [];
  for (let i = 0; i < 2; i++)
    orders.push(
      await createTestOrder(k.t.db, {
        personId: person.id,
        companyId: dealerId,
        status: 'confirmed',
        lines: [{ product, quantity: 1 + i }],
      }),
    );
  docs = [];
  for (const body of [
    { orderId: orders[0]?.id },
    { orderId: orders[1]?.id },
    { amount: 500_00, purpose: 'Аванс' },
  ]) {
    const res = await k.as(accountant)('POST', `${base(dealerId)}/invoices`, body);
    expect(res.statusCode, res.body).toBe(201);
    docs.push(res.json());
  }
});
afterAll(async () => k?.t.close());

describe('documents for the web section', () => {
  it('the accountant of the demo dealer requests invoices; they carry their order’s number', async () => {
    expect(docs.map((d) => d.number)).toEqual(['1', '2', '3']);
    const card = await k.as(accountant)('GET', `${base(dealerId)}/${docs[0]?.id}`);
    expect(card.json()).toMatchObject({ orderId: orders[0]?.id, orderNumber: orders[0]?.number });
    const free = await k.as(accountant)('GET', `${base(dealerId)}/${docs[2]?.id}`);
    expect(free.json()).toMatchObject({ orderId: null, orderNumber: null });
  });

  it('filters the list by part of an order number, literally', async () => {
    const number = orders[1]?.number as string;
    const tail = number.slice(-6);
    const res = await k.as(accountant)('GET', `${base(dealerId)}?orderNumber=${encodeURIComponent(tail)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { id: string }) => d.id)).toEqual([docs[1]?.id]);
    expect(res.json().items[0].orderNumber).toBe(number);
    const none = await k.as(accountant)('GET', `${base(dealerId)}?orderNumber=${encodeURIComponent('%')}`);
    expect(none.json().items).toEqual([]);
    const tooLong = await k.as(accountant)('GET', `${base(dealerId)}?orderNumber=${'9'.repeat(41)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('shows a file inline for the preview frame, framed by the portal only, still nosniff', async () => {
    const inline = await k.as(accountant)('GET', `${docs[0]?.url}?disposition=inline`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
    expect(inline.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const download = await k.as(accountant)('GET', docs[0]?.url as string);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const bad = await k.as(accountant)('GET', `${docs[0]?.url}?disposition=evil`);
    expect(bad.statusCode).toBe(400);
  });

  it('downloads several documents as one ZIP holding each file’s bytes under unique names', async () => {
    const ids = docs.map((d) => d.id);
    const res = await k.as(accountant)('POST', `${base(dealerId)}/archive`, { ids: [...ids, ids[0]] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="documents-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const entries = unzipEntries(res.rawPayload);
    expect([...entries.keys()]).toEqual(docs.map((d) => d.fileName));
    for (const doc of docs) {
      const file = await k.as(accountant)('GET', doc.url);
      expect(entries.get(doc.fileName)?.equals(file.rawPayload), doc.fileName).toBe(true);
    }
  });

  it('refuses an archive with another company’s id, naming none, and bad bodies', async () => {
    const foreign = await k.as(supplierOwner)('POST', `${base(supplierId)}/invoices`, {
      amount: 100_00,
      purpose: 'Чужой счёт',
    });
    expect(foreign.statusCode).toBe(201);
    const mixed = await k.as(accountant)('POST', `${base(dealerId)}/archive`, {
      ids: [docs[0]?.id, foreign.json().id],
    });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.body).not.toContain(foreign.json().id);
    expect(mixed.body).not.toContain(docs[0]?.id);
    for (const body of [
      {},
      { ids: [] },
      { ids: ['x'] },
      { ids: Array(201).fill(docs[0]?.id) },
      { ids: [docs[0]?.id], x: 1 },
    ]) {
      const res = await k.as(accountant)('POST', `${base(dealerId)}/archive`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });

  it('makes names inside one ZIP unique and flat', () => {
    expect(uniqueFileNames(['Счет 1.pdf', 'счет 1.pdf', 'Счет 1.pdf', 'a/b.pdf', '', 'x'])).toEqual([
      'Счет 1.pdf',
      'счет 1 (2).pdf',
      'Счет 1 (3).pdf',
      'a_b.pdf',
      'document.pdf',
      'x',
    ]);
  });
});

describe('back-office documents', () => {
  it('lists a company’s documents with back-office file links, for staff with companies.read', async () => {
    const support = await k.cookieOf(demoPeople.support.email);
    const res = await k.as(support)('GET', `/api/v1/admin/companies/${dealerId}/documents?kind=invoice`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; url: string; orderNumber: string | null }[];
    expect(items.map((d) => d.id)).toEqual([...docs].reverse().map((d) => d.id));
    expect(items[2]?.orderNumber).toBe(orders[0]?.number);
    const file = await k.as(support)('GET', items[0]?.url as string);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const asMember = await k.as(accountant)('GET', `/api/v1/admin/companies/${dealerId}/documents`);
    expect(asMember.statusCode).toBe(403);
  });

  it('cancels an issued invoice with a reason (orders.manage, audited); the order may get a new invoice', async () => {
    const url = `/api/v1/admin/documents/${docs[0]?.id}/cancel`;
    const support = await k.cookieOf(demoPeople.support.email);
    expect((await k.as(support)('POST', url, { reason: 'Ошибка в сумме' })).statusCode).toBe(403);
    expect((await k.as(accountant)('POST', url, { reason: 'Ошибка в сумме' })).statusCode).toBe(403);
    expect((await k.as(k.operator)('POST', url, { reason: '' })).statusCode).toBe(400);
    const missing = `/api/v1/admin/documents/01900000-0000-7000-8000-000000000000/cancel`;
    expect((await k.as(k.operator)('POST', missing, { reason: 'Ошибка' })).statusCode).toBe(404);

    const res = await k.as(k.operator)('POST', url, { reason: 'Ошибка в сумме' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: docs[0]?.id, status: 'cancelled' });
    const again = await k.as(k.operator)('POST', url, { reason: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    const [entry] = await k.t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'documents.invoice_cancelled'), eq(auditLog.subject, docs[0]?.id as string)),
      );
    expect(entry?.details).toMatchObject({ reason: 'Ошибка в сумме', number: '1', companyId: dealerId });

    const card = await k.as(accountant)('GET', `${base(dealerId)}/${docs[0]?.id}`);
    expect(card.json().status).toBe('cancelled');
    const cancelled = await k.as(accountant)('GET', `${base(dealerId)}?status=cancelled`);
    expect(cancelled.json().items.map((d: { id: string }) => d.id)).toEqual([docs[0]?.id]);
    const fresh = await k.as(accountant)('POST', `${base(dealerId)}/invoices`, { orderId: orders[0]?.id });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().number).toBe('5');
  });
});

// Keeps the ZIP reader honest: a corrupt ZIP must not pass as an empty one.
it('reads ZIPs with the system unzip', () => {
  expect(() => unzipEntries(Buffer.from('not a zip'))).toThrow();
});
