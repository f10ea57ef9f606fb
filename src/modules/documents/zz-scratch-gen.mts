import { writeFileSync } from 'node:fs';
import { renderInvoice } from './invoice.pdf.js';
import { buyer, lines, seller } from './testkit/sample-parties.js';
const pdf = await renderInvoice({ language: 'ru', number: '15', date: '2025-03-05', seller, buyer, basis: 'Договор № 5 от 01.01.2025', lines,
  signatories: { head: { position: 'Генеральный директор', name: 'Петров П. П.' }, accountant: { position: 'Главный бухгалтер', name: 'Сидорова С. С.' } }, payBy: '2025-03-15' });
writeFileSync('/tmp/docs-render/invoice.pdf', pdf);
