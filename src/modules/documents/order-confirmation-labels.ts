/** Labels of the подтверждение заказа; Russian is the document, English a courtesy translation of the labels. */
export const orderConfirmationLabels = {
  ru: {
    title: (n: string, d: string) => `Подтверждение заказа № ${n} от ${d}`,
    subtitle: (order: string, placed: string) => `к заказу № ${order} от ${placed}`,
    supplier: 'Поставщик:',
    buyer: 'Покупатель:',
    delivery: 'Доставка:',
    payment: 'Оплата:',
    cols: ['№', 'Товары (работы, услуги)', 'Артикул', 'Кол-во', 'Ед.', 'Цена', 'Сумма'],
    total: 'Итого:',
    vat: (rate: number) => `В том числе НДС (${rate}%):`,
    noVat: 'Без налога (НДС):',
    summary: (count: number, sum: string) => `Всего наименований ${count}, на сумму ${sum} руб.`,
    statement:
      'Поставщик подтверждает принятие заказа к исполнению на указанных условиях. Цены действительны для этого заказа.',
    signatory: 'От поставщика',
  },
  en: {
    title: (n: string, d: string) => `Order confirmation No. ${n} of ${d}`,
    subtitle: (order: string, placed: string) => `for order No. ${order} of ${placed}`,
    supplier: 'Supplier:',
    buyer: 'Buyer:',
    delivery: 'Delivery:',
    payment: 'Payment:',
    cols: ['No.', 'Goods (works, services)', 'SKU', 'Qty', 'Unit', 'Price', 'Amount'],
    total: 'Total:',
    vat: (rate: number) => `Incl. VAT (${rate}%):`,
    noVat: 'Without VAT:',
    summary: (count: number, sum: string) => `Items: ${count}, total amount ${sum} RUB`,
    statement:
      'The Supplier confirms that the order is accepted for fulfilment on the terms above. The prices apply to this order.',
    signatory: 'For the Supplier',
  },
} as const;
