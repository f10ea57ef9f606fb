/** Labels of the акт сверки; Russian is the document, English a courtesy translation of the labels. */
export const reconciliationLabels = {
  ru: {
    title: (from: string, to: string) => `Акт сверки взаимных расчетов за период: ${from} – ${to}`,
    between: (a: string, b: string) => `между ${a} и ${b}`,
    contract: (c: string) => `по ${c}`,
    preamble: (a: string, b: string) =>
      `Мы, нижеподписавшиеся, ${a}, с одной стороны, и ${b}, с другой стороны, составили настоящий акт сверки в том, что состояние взаимных расчетов по данным учета следующее:`,
    blankSignatory: '____________________',
    side: (name: string) => `По данным ${name}, руб.`,
    cols: ['Дата', 'Документ', 'Дебет', 'Кредит'],
    opening: 'Сальдо начальное',
    turnover: 'Обороты за период',
    closing: 'Сальдо конечное',
    debt: (who: string, date: string, to: string, sum: string, words: string) =>
      `По данным ${who} на ${date} задолженность в пользу ${to} составляет ${sum} руб. (${words})`,
    noDebt: (who: string, date: string) => `По данным ${who} на ${date} задолженность отсутствует.`,
    from: (name: string) => `От ${name}`,
    accountant: 'Главный бухгалтер',
    stamp: 'М.П.',
  },
  en: {
    title: (from: string, to: string) => `Statement of mutual settlements for the period ${from} – ${to}`,
    between: (a: string, b: string) => `between ${a} and ${b}`,
    contract: (c: string) => `under ${c}`,
    preamble: (a: string, b: string) =>
      `We, the undersigned, ${a}, on the one hand, and ${b}, on the other hand, have drawn up this statement confirming that the mutual settlements according to the accounts are as follows:`,
    blankSignatory: '____________________',
    side: (name: string) => `According to ${name}, RUB`,
    cols: ['Date', 'Document', 'Debit', 'Credit'],
    opening: 'Opening balance',
    turnover: 'Turnover for the period',
    closing: 'Closing balance',
    debt: (who: string, date: string, to: string, sum: string, words: string) =>
      `According to ${who} as of ${date}, the debt in favour of ${to} is ${sum} RUB (${words})`,
    noDebt: (who: string, date: string) => `According to ${who} as of ${date}, there is no debt.`,
    from: (name: string) => `For ${name}`,
    accountant: 'Chief accountant',
    stamp: 'Stamp',
  },
} as const;
