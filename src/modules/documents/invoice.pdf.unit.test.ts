import { describe, expect, it } from 'vitest';
import type { InvoiceInput } from './documents.types.js';
import { invoicePurpose, invoiceQrPayload, renderInvoice } from './invoice.pdf.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { parsePaymentQr } from './ru/payment-qr.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, lines, seller, soleTrader } from './testkit/sample-parties.js';

const input: InvoiceInput = {
  language: 'ru',
  number: '15',
  date: '2025-03-05',
  seller,
  buyer,
  basis: 'Договор № 5 от 01.01.2025',
  lines,
  signatories: {
    head: { position: 'Генеральный директор', name: 'Петров П. П.' },
    accountant: { position: 'Главный бухгалтер', name: 'Сидорова С. С.' },
  },
  payBy: '2025-03-15',
};

// Totals of the sample lines: 1 210,00 + 550,00 + 1,50 = 1 761,50; VAT 20 %: 201,67 + 0,25; 10 %: 50,00.
describe('счёт на оплату PDF', () => {
  it('prints the title, parties, lines, totals, VAT and the amount in words', async () => {
    const { text, pages } = await pdfText(await renderInvoice(input));
    expect(pages).toBe(1);
    for (const expected of [
      'Счет на оплату № 15 от 5 марта 2025 г.',
      'Банк получателя',
      'ПАО Сбербанк, г. Москва',
      '044525225',
      '30101810400000000225',
      '40702810938000000001',
      'ИНН 7707083893',
      'КПП 773601001',
      'ООО «Василёк», ИНН 6449013711, КПП 644901001',
      'Договор № 5 от 01.01.2025',
      'Кабель ВВГнг 3×2,5',
      'CAB-325',
      'Справочник электрика',
      'Хомут 100 мм',
      '0,125',
      'Итого: 1 761,50',
      'В том числе НДС (20%): 201,92',
      'В том числе НДС (10%): 50,00',
      'Всего к оплате: 1 761,50',
      'Всего наименований 3, на сумму 1 761,50 руб.',
      'Одна тысяча семьсот шестьдесят один рубль 50 копеек',
      'Оплатить не позднее 15.03.2025',
      'Руководитель',
      'Петров П. П.',
      'Бухгалтер',
      'Сидорова С. С.',
      'М.П.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Без налога');
  });

  it('prints «Без налога (НДС)» for a seller without VAT, signed by the sole trader alone', async () => {
    const { text } = await pdfText(
      await renderInvoice({
        ...input,
        seller: { ...soleTrader, bank: seller.bank },
        lines: lines.map((l) => ({ ...l, vatRate: null })),
        paymentQr: false,
      }),
    );
    expect(text).toContain('Без налога (НДС): -');
    expect(text).toContain('Индивидуальный предприниматель');
    expect(text).not.toContain('В том числе НДС');
    expect(text).not.toContain('Бухгалтер');
  });

  it('encodes the seller, total and purpose into the payment QR payload', () => {
    expect(invoicePurpose(input)).toBe('Оплата по счету № 15 от 05.03.2025, в т.ч. НДС 251,92 руб.');
    const { fields } = parsePaymentQr(invoiceQrPayload(input));
    expect(fields).toMatchObject({
      Name: 'ООО «Ромашка»',
      PersonalAcc: '40702810938000000001',
      BIC: '044525225',
      CorrespAcc: '30101810400000000225',
      Sum: '176150',
      PayeeINN: '7707083893',
      KPP: '773601001',
    });
  });

  it('translates the labels for the English courtesy copy', async () => {
    const { text } = await pdfText(await renderInvoice({ ...input, language: 'en' }));
    expect(text).toContain('Invoice No. 15 of 5 March 2025');
    expect(text).toContain('Total payable: 1,761.50');
    expect(text).toContain('Incl. VAT (20%): 201.92');
  });

  it('refuses to render without the seller’s bank details, naming them', async () => {
    const error = await renderInvoice({ ...input, seller: { ...seller, bank: undefined } }).catch((e) => e);
    expect(error).toBeInstanceOf(MissingRequisitesError);
    expect(error.missing).toEqual([
      'seller.bank.name',
      'seller.bank.bic',
      'seller.bank.corrAccount',
      'seller.bank.account',
    ]);
  });
});

describe('счёт на оплату over several pages', () => {
  it('keeps totals, the amount in words and signatures after the last line', async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      ...(lines[1] as (typeof lines)[1]),
      name: `Позиция ${i + 1}`,
    }));
    const { text, pages } = await pdfText(await renderInvoice({ ...input, lines: many }));
    expect(pages).toBeGreaterThan(1);
    const last = text.indexOf('Позиция 70');
    expect(last).toBeGreaterThan(0);
    expect(text.indexOf('Всего к оплате: 38 500,00')).toBeGreaterThan(last);
    expect(text).toContain('Всего наименований 70, на сумму 38 500,00 руб.');
    expect(text).toContain('Тридцать восемь тысяч пятьсот рублей 00 копеек');
    expect(text.indexOf('Сидорова С. С.')).toBeGreaterThan(last);
  });
});
