/** What a file holds: products, prices or stock. */
export type TransferKind = 'products' | 'prices' | 'stock';
export const transferKinds = ['products', 'prices', 'stock'] as const;

/** File formats for import and export. */
export type TransferFormat = 'xlsx' | 'csv';
export const transferFormats = ['xlsx', 'csv'] as const;

/** One column of a kind: the key exports write in the header, and the other names an import accepts. */
export interface ColumnDef {
  key: string;
  /** Other header texts people use (Russian first); compared after normalising. */
  aliases: string[];
  required: boolean;
}

const col = (key: string, aliases: string[], required = false): ColumnDef => ({ key, aliases, required });

/** Columns per kind, in the order exports and templates write them. */
export const columnsOf: Record<TransferKind, ColumnDef[]> = {
  products: [
    col('sku', ['артикул', 'article', 'код'], true),
    col('name', ['наименование', 'название', 'title'], true),
    col('category', ['категория', 'группа', 'раздел']),
    col('brand', ['бренд', 'производитель', 'марка']),
    col('unit', ['единица', 'ед изм', 'единица измерения']),
    col('pack_size', ['кратность', 'упаковка', 'в упаковке']),
    col('min_order', ['минимальный заказ', 'мин заказ', 'min order qty']),
    col('weight', ['вес', 'вес кг']),
    col('volume', ['объем', 'объем м3']),
    col('status', ['статус']),
    col('description', ['описание']),
  ],
  prices: [
    col('sku', ['артикул', 'article', 'код'], true),
    col('price_list', ['прайс-лист', 'прайс лист', 'тип цены', 'price type', 'вид цены']),
    col('min_qty', ['от количества', 'мин количество', 'количество от', 'от']),
    col('price', ['цена', 'amount'], true),
  ],
  stock: [
    col('sku', ['артикул', 'article', 'код'], true),
    col('warehouse', ['склад'], true),
    col('on_hand', ['остаток', 'в наличии', 'количество', 'qty', 'quantity'], true),
  ],
};

/** Header text compared loosely: case, "ё", spaces, underscores, dots, units in brackets and "*" do not matter. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .replace(/[_.\-*:,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Which column key a header cell names, or null for a column the import ignores. */
export function columnKeyOf(kind: TransferKind, header: string): string | null {
  const wanted = normaliseHeader(header);
  if (!wanted) return null;
  for (const column of columnsOf[kind]) {
    if (normaliseHeader(column.key) === wanted) return column.key;
    if (column.aliases.some((alias) => normaliseHeader(alias) === wanted)) return column.key;
  }
  return null;
}

/** Example rows of each template (and of the docs). */
export const templateExamples: Record<TransferKind, (string | number)[][]> = {
  products: [
    [
      'FLT-BB10',
      'Фильтр магистральный Big Blue 10"',
      'Фильтры для воды',
      'Aquafilter',
      'шт',
      1,
      1,
      2.5,
      0.012,
      'active',
      '',
    ],
    [
      'CRT-PP5-10',
      'Картридж полипропиленовый 5 мкм 10"',
      'Картриджи',
      '',
      'шт',
      10,
      10,
      0.15,
      '',
      'active',
      '',
    ],
  ],
  prices: [
    ['FLT-BB10', 'retail', 1, '3 490,00'],
    ['FLT-BB10', 'retail', 10, '3 290,00'],
  ],
  stock: [
    ['FLT-BB10', 'Основной склад', 25],
    ['CRT-PP5-10', 'Основной склад', 1200],
  ],
};
