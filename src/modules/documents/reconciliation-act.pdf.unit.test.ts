import { describe, expect, it } from 'vitest';
import type { ReconciliationInput } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { reconciliationConclusion, renderReconciliationAct } from './reconciliation-act.pdf.js';
import { computeReconciliation } from './reconciliation-balance.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, seller } from './testkit/sample-parties.js';

const input: ReconciliationInput = {
  language: 'ru',
  date: '2025-04-02',
  periodFrom: '2025-01-01',
  periodTo: '2025-03-31',
  seller,
  buyer,
  contract: 'договору № 5 от 01.01.2025',
  openingBalance: 100_000,
  operations: [
    { date: '2025-02-01', document: 'Продажа (12 от 01.02.2025)', debit: 121_000, credit: 0 },
    { date: '2025-02-05', document: 'Оплата (п/п 34 от 05.02.2025)', debit: 0, credit: 150_000 },
    { date: '2025-03-03', document: 'Продажа (19 от 03.03.2025)', debit: 55_150, credit: 0 },
  ],
  sellerSignatory: { position: 'Генеральный директор', name: 'Петров П. П.' },
  sellerAccountant: { position: 'Главный бухгалтер', name: 'Сидорова С. С.' },
  buyerSignatory: { position: 'Директор', name: 'Козлов К. К.' },
  counterpart: 'mirror',
};

/** How many times a string occurs in a text. */
const count = (text: string, s: string) => text.split(s).length - 1;

describe('акт сверки PDF', () => {
  it('prints the period, parties, operations, turnovers, the closing balance and the conclusion', async () => {
    const { text } = await pdfText(await renderReconciliationAct(input));
    for (const expected of [
      'Акт сверки взаимных расчетов за период: 01.01.2025 – 31.03.2025',
      'между ООО «Ромашка» и ООО «Василёк»',
      'по договору № 5 от 01.01.2025',
      'Мы, нижеподписавшиеся, Генеральный директор ООО «Ромашка» Петров П. П., с одной стороны, и Директор ООО «Василёк» Козлов К. К., с другой стороны',
      'По данным ООО «Ромашка», руб.',
      'По данным ООО «Василёк», руб.',
      'Продажа (12 от 01.02.2025)',
      'Оплата (п/п 34 от 05.02.2025)',
      '01.02.2025',
      'Сальдо начальное 1 000,00',
      'Обороты за период 1 761,50 1 500,00',
      'Сальдо конечное 1 261,50',
      'По данным ООО «Ромашка» на 31.03.2025 задолженность в пользу ООО «Ромашка» составляет 1 261,50 руб. (Одна тысяча двести шестьдесят один рубль 50 копеек)',
      'От ООО «Ромашка»',
      'От ООО «Василёк»',
      'Главный бухгалтер',
      'Сидорова С. С.',
    ]) {
      expect(text).toContain(expected);
    }
    // The mirrored half repeats each operation with debit and credit swapped.
    expect(count(text, 'Оплата (п/п 34 от 05.02.2025)')).toBe(2);
    expect(text).toContain('Обороты за период 1 761,50 1 500,00 Обороты за период 1 500,00 1 761,50');
  });

  it('leaves the counterparty half blank on request', async () => {
    const { text } = await pdfText(
      await renderReconciliationAct({ ...input, counterpart: 'blank', buyerSignatory: undefined }),
    );
    expect(count(text, 'Оплата (п/п 34 от 05.02.2025)')).toBe(1);
    expect(count(text, 'Сальдо конечное')).toBe(2);
    expect(count(text, '1 261,50')).toBe(2); // the seller's closing balance and the conclusion
    expect(text).not.toContain('Козлов');
  });

  it('says whom the debt favours, or that there is none', () => {
    const overpaid = { ...input, openingBalance: -5_000, operations: [] };
    expect(reconciliationConclusion(overpaid, computeReconciliation(-5_000, []))).toBe(
      'По данным ООО «Ромашка» на 31.03.2025 задолженность в пользу ООО «Василёк» составляет 50,00 руб. (Пятьдесят рублей 00 копеек)',
    );
    expect(reconciliationConclusion(input, computeReconciliation(0, []))).toBe(
      'По данным ООО «Ромашка» на 31.03.2025 задолженность отсутствует.',
    );
  });

  it('refuses to render without the parties’ ИНН', async () => {
    const error = await renderReconciliationAct({ ...input, buyer: { ...buyer, inn: '' } }).catch((e) => e);
    expect(error).toBeInstanceOf(MissingRequisitesError);
    expect(error.missing).toEqual(['buyer.inn']);
  });
});
