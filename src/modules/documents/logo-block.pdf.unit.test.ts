import { describe, expect, it } from 'vitest';
import type { InvoiceInput, ReconciliationInput, ServiceActInput } from './documents.types.js';
import { renderInvoice } from './invoice.pdf.js';
import { renderReconciliationAct } from './reconciliation-act.pdf.js';
import { renderServiceAct } from './service-act.pdf.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, lines, seller } from './testkit/sample-parties.js';
import { tinyPng } from './testkit/tiny-png.js';

/** Image XObjects embedded in a PDF (pdfkit writes their dictionaries uncompressed). */
const images = (pdf: Buffer) => pdf.toString('latin1').split('/Subtype /Image').length - 1;

const head = { position: 'Генеральный директор', name: 'Петров П. П.' };
const invoice: InvoiceInput = {
  language: 'ru',
  number: '15',
  date: '2025-03-05',
  seller,
  buyer,
  lines,
  signatories: { head, accountant: { position: 'Главный бухгалтер', name: 'Сидорова С. С.' } },
  paymentQr: false,
};
const act: ServiceActInput = {
  language: 'ru',
  number: 'А-3',
  date: '2025-03-31',
  executor: seller,
  customer: buyer,
  lines,
  executorSignatory: head,
};
const reconciliation: ReconciliationInput = {
  language: 'ru',
  date: '2025-04-02',
  periodFrom: '2025-01-01',
  periodTo: '2025-03-31',
  seller,
  buyer,
  openingBalance: 100_000,
  operations: [{ date: '2025-02-01', document: 'Продажа (12 от 01.02.2025)', debit: 121_000, credit: 0 }],
  sellerSignatory: head,
  counterpart: 'mirror',
};

const renderers: [string, (logo?: Buffer) => Promise<Buffer>][] = [
  ['счёт на оплату', (logo) => renderInvoice({ ...invoice, ...(logo ? { logo } : {}) })],
  ['акт оказанных услуг', (logo) => renderServiceAct({ ...act, ...(logo ? { logo } : {}) })],
  ['акт сверки', (logo) => renderReconciliationAct({ ...reconciliation, ...(logo ? { logo } : {}) })],
];

describe.each(renderers)('the seller logo on the %s', (_name, render) => {
  it('is embedded as an image, leaving the text and the page count as they were', async () => {
    const plain = await render();
    const withLogo = await render(tinyPng(120, 40));
    expect(images(plain)).toBe(0);
    expect(images(withLogo)).toBe(1);
    const [a, b] = [await pdfText(plain), await pdfText(withLogo)];
    expect(b.text).toBe(a.text);
    expect(b.pages).toBe(a.pages);
  });

  it('fits a tall logo into the box, so the document still takes the same pages', async () => {
    const plain = await pdfText(await render());
    const tall = await render(tinyPng(10, 2000));
    expect(images(tall)).toBe(1);
    expect((await pdfText(tall)).pages).toBe(plain.pages);
  });

  it('leaves out a logo that cannot be read rather than failing the document', async () => {
    const broken = Buffer.concat([tinyPng(4, 4).subarray(0, 33), Buffer.from('garbage')]);
    const pdf = await render(broken);
    expect((await pdfText(pdf)).text).toBe((await pdfText(await render())).text);
  });
});

describe('the payment QR and the logo together', () => {
  it('are both drawn on the invoice', async () => {
    const qrOnly = await renderInvoice({ ...invoice, paymentQr: true });
    const both = await renderInvoice({ ...invoice, paymentQr: true, logo: tinyPng(60, 60) });
    expect(images(qrOnly)).toBeGreaterThan(0);
    expect(images(both)).toBe(images(qrOnly) + 1);
    expect((await pdfText(both)).text).toBe((await pdfText(qrOnly)).text);
  });
});
