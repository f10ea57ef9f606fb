/**
 * The problems an import reports, by code, in Russian and English. The report stores codes with their
 * parameters and renders them in the language the person reads (the page passes `lang`), so the same stored
 * report reads right in both.
 */
export const rowMessages = {
  required: { en: 'A value is required', ru: 'Нужно значение' },
  tooLong: { en: 'At most {max} characters', ru: 'Не больше {max} символов' },
  columnTwice: { en: 'The column appears twice', ru: 'Столбец повторяется' },
  columnMissing: { en: 'A required column is missing', ru: 'Нет обязательного столбца' },
  notPrice: { en: '"{value}" is not a price', ru: '«{value}» — не цена' },
  priceDecimals: {
    en: 'A price has at most two decimal places (kopecks)',
    ru: 'В цене не больше двух знаков после запятой (копейки)',
  },
  negativePrice: { en: 'A price cannot be negative', ru: 'Цена не может быть отрицательной' },
  tooLarge: { en: 'The number is too large', ru: 'Слишком большое число' },
  notNumber: { en: '"{value}" is not a number', ru: '«{value}» — не число' },
  decimals: { en: 'At most {decimals} decimal places', ru: 'Не больше {decimals} знаков после запятой' },
  atLeast: { en: 'Must be {min} or more', ru: 'Должно быть не меньше {min}' },
  moreThan: { en: 'Must be more than {min}', ru: 'Должно быть больше {min}' },
  noDefaultList: {
    en: 'There is no default price list: give the price list code',
    ru: 'Нет прайс-листа по умолчанию: укажите код прайс-листа',
  },
  unknownList: { en: 'Unknown price list "{value}"', ru: 'Неизвестный прайс-лист «{value}»' },
  unknownSku: {
    en: 'No product or variant has the SKU "{value}"',
    ru: 'Нет товара или варианта с артикулом «{value}»',
  },
  duplicatePrice: {
    en: 'The same SKU, price list and quantity as row {row}',
    ru: 'Тот же артикул, прайс-лист и количество, что в строке {row}',
  },
  duplicateStock: {
    en: 'The same SKU and warehouse as row {row}',
    ru: 'Тот же артикул и склад, что в строке {row}',
  },
  duplicateSku: { en: 'The same SKU as row {row}', ru: 'Тот же артикул, что в строке {row}' },
  unknownWarehouse: { en: 'Unknown warehouse "{value}"', ru: 'Неизвестный склад «{value}»' },
  ambiguousWarehouse: {
    en: 'Several warehouses are called "{value}": give its 1C id',
    ru: 'Несколько складов называются «{value}»: укажите его ид из 1С',
  },
  unknownCategory: { en: 'Unknown category "{value}"', ru: 'Неизвестная категория «{value}»' },
  ambiguousCategory: {
    en: 'Several categories are called "{value}": give its slug',
    ru: 'Несколько категорий называются «{value}»: укажите её код (slug)',
  },
  variantSku: {
    en: 'The SKU belongs to a variant of «{product}»: a product needs its own SKU',
    ru: 'Этот артикул у варианта товара «{product}»: товару нужен свой артикул',
  },
  badStatus: {
    en: 'Status is "active" or "archived", not "{value}"',
    ru: 'Статус — «active» или «archived», а не «{value}»',
  },
} as const;

/** Why a whole import or export failed. */
export const fileMessages = {
  unreadable: {
    en: 'The file cannot be read: is it an XLSX workbook or a CSV file?',
    ru: 'Файл не читается: это книга XLSX или файл CSV?',
  },
  noSheet: { en: 'The workbook has no worksheet', ru: 'В книге нет листов' },
  noHeader: { en: 'The file has no header row and no data', ru: 'В файле нет строки заголовков и данных' },
  tooManyRows: {
    en: 'The file has more than 200 000 rows: split it into several files',
    ru: 'В файле больше 200 000 строк: разделите его на несколько файлов',
  },
  fileGone: {
    en: 'The uploaded file is gone: upload it again',
    ru: 'Загруженный файл пропал: загрузите его снова',
  },
  jobFailed: {
    en: 'The job failed; nothing was changed. Try again or ask support',
    ru: 'Задание не выполнилось, ничего не изменено. Попробуйте ещё раз или обратитесь в поддержку',
  },
  catalogChanged: {
    en: 'The catalog changed since the check and some rows are no longer valid: nothing was applied',
    ru: 'Каталог изменился после проверки, и часть строк стала ошибочной: ничего не применено',
  },
} as const;

export type RowMessageCode = keyof typeof rowMessages;
export type FileMessageCode = keyof typeof fileMessages;
export type MessageParams = Record<string, string | number>;
export type Lang = 'ru' | 'en';

function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** A row problem in a language. */
export function rowMessage(code: string, params: MessageParams | undefined, lang: Lang): string {
  const entry = rowMessages[code as RowMessageCode];
  return entry ? fill(entry[lang], params) : code;
}

/** A whole-file message in a language (null stays null). */
export function fileMessage(code: string | null, lang: Lang): string | null {
  if (code === null) return null;
  const entry = fileMessages[code as FileMessageCode];
  return entry ? entry[lang] : code;
}
