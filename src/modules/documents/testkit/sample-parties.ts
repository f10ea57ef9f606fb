import type { DocumentLine, Party } from '../documents.types.js';

/** Requisites with valid checksums (ru-documents.md vectors; the р/с keys were computed for these БИК). */
export const seller: Party = {
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: '117997, г. Москва, ул. Вавилова, д. 19',
  phone: '+7 495 500-55-50',
  bank: {
    name: 'ПАО Сбербанк, г. Москва',
    bic: '044525225',
    corrAccount: '30101810400000000225',
    account: '40702810938000000001',
  },
};

export const buyer: Party = {
  name: 'ООО «Василёк»',
  inn: '6449013711',
  kpp: '644901001',
  ogrn: '1027700280937',
  address: '413100, Саратовская обл., г. Энгельс, ул. Мира, д. 1',
  bank: {
    name: 'АО «Банк», г. Москва',
    bic: '044525593',
    corrAccount: '30101810200000000593',
    account: '40702810200000000025',
  },
};

/** A sole trader (12-digit ИНН, no КПП, ОГРНИП). */
export const soleTrader: Party = {
  name: 'ИП Иванов Иван Иванович',
  inn: '635277570478',
  ogrn: '304500116000157',
  address: '443001, г. Самара, ул. Садовая, д. 5',
};

/** Three lines at 20 %, 10 % and 20 %; total 1 210,00 + 550,00 + 1,50. */
export const lines: DocumentLine[] = [
  {
    name: 'Кабель ВВГнг 3×2,5',
    sku: 'CAB-325',
    unit: 'м',
    unitCode: '006',
    quantity: 10,
    price: 12100,
    amount: 121000,
    vatRate: 20,
  },
  {
    name: 'Справочник электрика',
    unit: 'шт',
    unitCode: '796',
    quantity: 1,
    price: 55000,
    amount: 55000,
    vatRate: 10,
  },
  {
    name: 'Хомут 100 мм',
    sku: 'H-100',
    unit: 'кг',
    unitCode: '166',
    quantity: 0.125,
    price: 1200,
    amount: 150,
    vatRate: 20,
  },
];
