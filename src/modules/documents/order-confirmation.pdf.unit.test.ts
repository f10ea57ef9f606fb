import { describe, expect, it } from 'vitest';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { type OrderConfirmationInput, renderOrderConfirmation } from './order-confirmation.pdf.js';
import { amountInWords } from './ru/amount-in-words.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, lines, seller } from './testkit/sample-parties.js';

const input: OrderConfirmationInput = {
  language: 'ru',
  number: '4',
  date: '2025-03-05',
  order: { number: 'K-2025-000123', date: '2025-03-04' },
  seller,
  buyer,
  lines,
  delivery: 'Курьер',
  payment: 'По счёту',
  signatory: { position: 'Генеральный директор', name: 'Петров П. П.' },
};

describe('подтверждение заказа PDF', () => {
  it('prints the title, the order, both parties, the lines, the totals and the signatory in Russian', async () => {
    const { text } = await pdfText(await renderOrderConfirmation(input));
    expect(text).toContain('Подтверждение заказа № 4 от 5 марта 2025 г.');
    expect(text).toContain('к заказу № K-2025-000123 от 04.03.2025');
    expect(text).toContain('Поставщик: ООО «Ромашка», ИНН 7707083893');
    expect(text).toContain('Покупатель: ООО «Василёк», ИНН 6449013711');
    expect(text).toContain('Доставка: Курьер');
    expect(text).toContain('Кабель ВВГнг 3×2,5');
    expect(text).toContain('Итого: 1 761,50');
    expect(text).toContain('В том числе НДС (20%):');
    expect(text).toContain(`Всего наименований ${lines.length}, на сумму 1 761,50 руб.`);
    expect(text).toContain(amountInWords(176150));
    expect(text).toContain('Петров П. П.');
  });

  it('prints English labels with the Russian amount in words', async () => {
    const { text } = await pdfText(await renderOrderConfirmation({ ...input, language: 'en' }));
    expect(text).toContain('Order confirmation No. 4 of');
    expect(text).toContain('for order No. K-2025-000123 of 04.03.2025');
    expect(text).toContain('Supplier: ООО «Ромашка», INN 7707083893');
    expect(text).toContain('Buyer: ООО «Василёк»');
    expect(text).toContain('Total: 1,761.50');
    expect(text).toContain('Incl. VAT (20%):');
    expect(text).toContain('For the Supplier');
    expect(text).toContain(amountInWords(176150));
    expect(text).not.toContain('Подтверждение заказа');
  });

  it('names what is missing instead of drawing a document with holes', async () => {
    const bad = { ...input, seller: { ...seller, inn: '' }, lines: [] };
    const error = await renderOrderConfirmation(bad).catch((e) => e);
    expect(error).toBeInstanceOf(MissingRequisitesError);
    expect(error.missing).toEqual(['seller.inn', 'lines']);
  });
});
