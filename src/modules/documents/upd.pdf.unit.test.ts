import { describe, expect, it } from 'vitest';
import type { UpdInput } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { pdfText } from './testkit/pdf-text.js';
import { buyer, lines, seller, soleTrader } from './testkit/sample-parties.js';
import { renderUpd, sheetsText } from './upd.pdf.js';
import { updColumns, updEdition, updHeaderRows, updTableRows } from './upd-content.js';

const input: UpdInput = {
  status: 1,
  number: '7',
  date: '2025-03-05',
  seller,
  buyer,
  shipper: 'same',
  consignee: buyer,
  basis: 'Договор № 5 от 01.01.2025',
  lines,
  sellerSignatories: {
    head: { position: 'Генеральный директор', name: 'Петров П. П.' },
    accountant: { position: 'Главный бухгалтер', name: 'Сидорова С. С.' },
    transferredBy: { position: 'Кладовщик', name: 'Смирнов А. А.' },
  },
};

describe('УПД content', () => {
  it('fills строки 1–8 with «--» where they do not apply', () => {
    const rows = Object.fromEntries(updHeaderRows(input).map((r) => [r.code, r.value]));
    expect(rows).toEqual({
      '(1)': '7 от 5 марта 2025 г.',
      '(1а)': '-- от --',
      '(2)': 'ООО «Ромашка»',
      '(2а)': '117997, г. Москва, ул. Вавилова, д. 19',
      '(2б)': '7707083893/773601001',
      '(3)': 'он же',
      '(4)': 'ООО «Василёк», 413100, Саратовская обл., г. Энгельс, ул. Мира, д. 1',
      '(5)': '№ -- от --',
      '(5а)': '№ п/п 1–3 № 7 от 05.03.2025',
      '(6)': 'ООО «Василёк»',
      '(6а)': '413100, Саратовская обл., г. Энгельс, ул. Мира, д. 1',
      '(6б)': '6449013711/644901001',
      '(7)': 'Российский рубль, 643',
      '(8)': '',
    });
  });

  it('splits each line into net, VAT and gross and totals графы 5, 8, 9', () => {
    expect(updColumns.map((c) => c.graph).join(' ')).toBe('А 1 1а 1б 2 2а 3 4 5 6 7 8 9 10 10а 11 12 12а 13');
    const rows = updTableRows(input).map((r) => r.map((c) => c.replace(/\u00a0/g, ' ')));
    // 1 210,00 at 20 %: VAT 201,67, net 1 008,33, price without VAT 100,83 per metre.
    expect(rows[0]).toEqual([
      '--',
      '1',
      'Кабель ВВГнг 3×2,5',
      '--',
      '006',
      'м',
      '10',
      '100,83',
      '1 008,33',
      'без акциза',
      '20%',
      '201,67',
      '1 210,00',
      '--',
      '--',
      '--',
      '--',
      '--',
      '--',
    ]);
    expect(rows[1]?.slice(7, 13)).toEqual(['500,00', '500,00', 'без акциза', '10%', '50,00', '550,00']);
    expect(rows[3]?.slice(8, 13)).toEqual(['1 509,58', 'Х', 'Х', '251,92', '1 761,50']);
  });

  it('declines «лист»', () => {
    expect(sheetsText(1)).toBe('Документ составлен на 1 листе');
    expect(sheetsText(2)).toBe('Документ составлен на 2 листах');
    expect(sheetsText(11)).toBe('Документ составлен на 11 листах');
    expect(sheetsText(21)).toBe('Документ составлен на 21 листе');
  });
});

describe('УПД PDF', () => {
  it('prints status, the счёт-фактура rows, the table, totals and both parts', async () => {
    const { text, pages } = await pdfText(await renderUpd(input));
    for (const expected of [
      'Универсальный передаточный документ',
      'Статус: 1',
      updEdition.caption,
      'Счет-фактура № 7 от 5 марта 2025 г.',
      'Исправление № -- от --',
      'Продавец: ООО «Ромашка»',
      'ИНН/КПП продавца: 7707083893/773601001',
      'Грузоотправитель и его адрес: он же',
      'Документ об отгрузке: № п/п 1–3 № 7 от 05.03.2025',
      'ИНН/КПП покупателя: 6449013711/644901001',
      'Валюта: наименование, код Российский рубль, 643',
      'Кабель ВВГнг 3×2,5',
      'Справочник электрика',
      'Хомут 100 мм',
      'Всего к оплате (9)',
      '1 509,58 Х Х 251,92 1 761,50',
      `Документ составлен на ${pages} ${pages === 1 ? 'листе' : 'листах'}`,
      'Руководитель организации или иное уполномоченное лицо',
      'Главный бухгалтер или иное уполномоченное лицо',
      'Петров П. П.',
      'Сидорова С. С.',
      'Основание передачи (сдачи) / получения (приемки)',
      'Договор № 5 от 01.01.2025',
      'Кладовщик',
      'Смирнов А. А.',
      'Дата отгрузки, передачи (сдачи)',
      'Товар (груз) получил / услуги, результаты работ, права принял',
      'ООО «Василёк», ИНН/КПП 6449013711/644901001',
    ]) {
      expect(text).toContain(expected);
    }
    for (const code of [
      '[8]',
      '[9]',
      '[10]',
      '[11]',
      '[12]',
      '[13]',
      '[14]',
      '[15]',
      '[16]',
      '[17]',
      '[18]',
      '[19]',
    ]) {
      expect(text).toContain(code);
    }
  });

  it('prints status 2 for a sole trader without VAT, with the ОГРНИП', async () => {
    const { text } = await pdfText(
      await renderUpd({
        ...input,
        status: 2,
        seller: soleTrader,
        lines: lines.map((l) => ({ ...l, vatRate: null })),
        sellerSignatories: { head: { position: 'Индивидуальный предприниматель', name: 'Иванов И. И.' } },
      }),
    );
    expect(text).toContain('Статус: 2');
    expect(text).toContain('ИНН/КПП продавца: 635277570478');
    expect(text).toContain('без НДС');
    expect(text).toContain('ОГРНИП 304500116000157');
    expect(text).toContain('Иванов И. И.');
  });

  it('refuses a status 1 УПД without the chief accountant', async () => {
    const error = await renderUpd({
      ...input,
      sellerSignatories: { head: input.sellerSignatories.head },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(MissingRequisitesError);
    expect(error.missing).toEqual(['sellerSignatories.accountant']);
  });
});

describe('УПД over several pages', () => {
  it('repeats the table header, keeps both parts together and counts the sheets', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...(lines[0] as (typeof lines)[0]),
      name: `Позиция ${i + 1}`,
    }));
    const { text, pages } = await pdfText(
      await renderUpd({
        ...input,
        lines: many,
        basis: 'Договор поставки № 5 от 01.01.2025, спецификация № 2. '.repeat(6),
      }),
    );
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Документ составлен на ${pages} листах`);
    expect(text).toContain('Позиция 45');
    // 45 × 1 210,00 = 54 450,00 with VAT 45 × 201,67 = 9 075,15
    expect(text).toContain('45 374,85 Х Х 9 075,15 54 450,00');
    expect(text.indexOf('[15]')).toBeGreaterThan(text.indexOf('[10]'));
    expect(text.split('В том числе сумма акциза').length - 1).toBe(pages);
  });
});
