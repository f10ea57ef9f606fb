import { describe, expect, it } from 'vitest';
import type { ServiceActInput } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { renderServiceAct } from './service-act.pdf.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, seller } from './testkit/sample-parties.js';

const input: ServiceActInput = {
  language: 'ru',
  number: 'А-3',
  date: '2025-03-31',
  executor: seller,
  customer: buyer,
  basis: 'Договор № 5 от 01.01.2025',
  lines: [
    {
      name: 'Монтаж кабельной трассы',
      unit: 'м',
      unitCode: '006',
      quantity: 25,
      price: 48400,
      amount: 1210000,
      vatRate: 20,
    },
    {
      name: 'Пусконаладочные работы',
      unit: 'усл',
      unitCode: '876',
      quantity: 1,
      price: 600000,
      amount: 600000,
      vatRate: 20,
    },
  ],
  executorSignatory: { position: 'Генеральный директор', name: 'Петров П. П.' },
  customerSignatory: { position: 'Директор', name: 'Козлов К. К.' },
};

describe('акт оказанных услуг PDF', () => {
  it('prints the 402-ФЗ requisites, lines, totals, VAT, amount in words and both signatures', async () => {
    const { text } = await pdfText(await renderServiceAct(input));
    for (const expected of [
      'Акт № А-3 от 31 марта 2025 г.',
      'Исполнитель: ООО «Ромашка», ИНН 7707083893, КПП 773601001',
      'Заказчик: ООО «Василёк», ИНН 6449013711, КПП 644901001',
      'Договор № 5 от 01.01.2025',
      'Монтаж кабельной трассы',
      'Пусконаладочные работы',
      '484,00',
      'Итого: 18 100,00',
      // 12 100,00 × 20/120 = 2 016,67; 6 000,00 × 20/120 = 1 000,00
      'В том числе НДС (20%): 3 016,67',
      'Всего оказано услуг 2, на сумму 18 100,00 руб.',
      'Восемнадцать тысяч сто рублей 00 копеек',
      'Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объему, качеству и срокам оказания услуг не имеет.',
      'ИСПОЛНИТЕЛЬ',
      'ЗАКАЗЧИК',
      'Генеральный директор',
      'Петров П. П.',
      'Директор',
      'Козлов К. К.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('leaves the customer’s signatory blank when unknown and names missing requisites', async () => {
    const { customerSignatory: _, ...withoutCustomer } = input;
    const { text } = await pdfText(await renderServiceAct(withoutCustomer));
    expect(text).not.toContain('Козлов');
    const error = await renderServiceAct({ ...input, executor: { ...seller, address: '' } }).catch((e) => e);
    expect(error).toBeInstanceOf(MissingRequisitesError);
    expect(error.missing).toEqual(['executor.address']);
  });
});
