import type { Db } from '../../server/core/db.js';
import { renderPdf } from '../../server/core/pdf.js';
import type { FileStorage } from '../../server/core/storage.js';
import { createAgreement } from './agreements.service.js';

/** A short supply contract as a PDF: the demo's first agreement in review. */
export function demoContractPdf(company: { legalName: string; inn: string }): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      doc.fontSize(16).text('ДОГОВОР ПОСТАВКИ № 12/2026', { align: 'center' });
      doc.moveDown();
      doc
        .fontSize(10)
        .text(
          `Поставщик и ${company.legalName} (ИНН ${company.inn}), далее «Покупатель», заключили настоящий договор о следующем.`,
        );
      doc.moveDown();
      for (const [n, text] of [
        ['1', 'Поставщик передаёт Покупателю фильтры и картриджи по заказам, оформленным в личном кабинете.'],
        ['2', 'Цены — по прайс-листу группы Покупателя на дату заказа; оплата в течение 14 дней по счёту.'],
        ['3', 'Поставка — со склада Поставщика или транспортной компанией за счёт Покупателя.'],
        [
          '4',
          'Стороны признают согласование в личном кабинете с одноразовым кодом простой электронной подписью.',
        ],
        ['5', 'Договор действует до 31 декабря 2027 года.'],
      ] as const) {
        doc.text(`${n}. ${text}`);
        doc.moveDown(0.5);
      }
    },
    { title: 'Договор поставки № 12/2026', lang: 'ru' },
  );
}

/** Seeds a contract in review for the company, uploaded by a staff member (the demo's back office). */
export async function seedDemoAgreement(
  tx: Db,
  storage: FileStorage,
  input: {
    company: { id: string; legalName: string; inn: string };
    staff: { id: string; name: string; email: string };
    publicUrl: string;
  },
): Promise<string> {
  const data = await demoContractPdf(input.company);
  return createAgreement(
    tx,
    storage,
    { side: 'staff', ...input.staff },
    input.company.id,
    { kind: 'contract', title: 'Договор поставки № 12/2026', note: 'Проект договора на 2027 год' },
    { fileName: 'Договор поставки 12-2026.pdf', data, kind: 'pdf' },
    input.publicUrl,
  );
}
