/** Labels of the акт оказанных услуг; Russian is the document, English a courtesy translation of the labels. */
export const serviceActLabels = {
  ru: {
    title: (n: string, d: string) => `Акт № ${n} от ${d}`,
    subtitle: 'об оказании услуг (выполнении работ)',
    executor: 'Исполнитель:',
    customer: 'Заказчик:',
    basis: 'Основание:',
    cols: ['№', 'Наименование работ, услуг', 'Кол-во', 'Ед.', 'Цена', 'Сумма'],
    total: 'Итого:',
    vat: (rate: number) => `В том числе НДС (${rate}%):`,
    noVat: 'Без налога (НДС):',
    summary: (count: number, sum: string) => `Всего оказано услуг ${count}, на сумму ${sum} руб.`,
    statement:
      'Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объему, качеству и срокам оказания услуг не имеет.',
    executorSide: 'ИСПОЛНИТЕЛЬ',
    customerSide: 'ЗАКАЗЧИК',
    stamp: 'М.П.',
  },
  en: {
    title: (n: string, d: string) => `Act No. ${n} of ${d}`,
    subtitle: 'of services rendered (work performed)',
    executor: 'Contractor:',
    customer: 'Customer:',
    basis: 'Basis:',
    cols: ['No.', 'Work, services', 'Qty', 'Unit', 'Price', 'Amount'],
    total: 'Total:',
    vat: (rate: number) => `Incl. VAT (${rate}%):`,
    noVat: 'Without VAT:',
    summary: (count: number, sum: string) => `Services rendered: ${count}, total amount ${sum} RUB`,
    statement:
      'The above services have been rendered in full and on time. The Customer has no claims as to their scope, quality or timing.',
    executorSide: 'CONTRACTOR',
    customerSide: 'CUSTOMER',
    stamp: 'Stamp',
  },
} as const;
