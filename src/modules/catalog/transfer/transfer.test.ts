import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testOrigin } from '../../../test/app.js';
import { hashPassword, setPasswordHash } from '../../identity/passwords.js';
import { ensurePerson, ensureStaff } from '../../people/people.service.js';
import { ensureCategory, ensureProducts } from '../catalog.service.js';
import { priceLists, prices, products, productVariants, stock, warehouses } from '../catalog.tables.js';

let t: TestApp;
let operator: string;
const password = 'transfer-test-password';
const base = '/api/v1/admin/catalog/transfer';
const ids = {} as Record<'filters' | 'dealer' | 'main' | 'kazan', string>;

beforeAll(async () => {
  t = await buildTestApp();
  operator = await t.operator();
  ids.filters = await ensureCategory(t.db, { slug: 'filters', name: 'Фильтры для воды' });
  await ensureCategory(t.db, { slug: 'cartridges', name: 'Картриджи' });
  await ensureProducts(t.db, [
    { sku: 'FLT-BB10', name: 'Фильтр Big Blue 10"', categoryId: ids.filters, basePrice: 349_000 },
    { sku: 'FLT-BB20', name: 'Фильтр Big Blue 20"', categoryId: ids.filters, basePrice: 529_000 },
    { sku: 'FLT-SL10', name: 'Фильтр Slim Line 10"', categoryId: ids.filters, basePrice: 129_000 },
    { sku: 'CRT-PP5', name: 'Картридж 5 мкм', categoryId: ids.filters, basePrice: 19_000 },
  ]);
  ids.dealer = uuidv7();
  await t.db
    .insert(priceLists)
    .values({ id: ids.dealer, code: 'dealer', name: 'Дилерская', externalId: 'pt-dealer' });
  ids.main = uuidv7();
  ids.kazan = uuidv7();
  await t.db.insert(warehouses).values([
    { id: ids.main, name: 'Основной склад', externalId: 'wh-main' },
    { id: ids.kazan, name: 'Склад Казань', externalId: 'wh-kzn' },
  ]);
  const manager = await ensurePerson(t.db, {
    name: 'Менеджер',
    email: 'manager@example.ru',
    emailVerified: true,
  });
  await setPasswordHash(t.db, manager, await hashPassword(password));
  await ensureStaff(t.db, manager, ['manager']);
});
afterAll(async () => t?.close());

type Cells = (string | number | null)[];

async function xlsx(rows: Cells[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Лист1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(data: Buffer, filename: string) {
  const boundary = `----kabinet${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (kind: string, data: Buffer, filename = 'file.xlsx', cookie = operator) => {
  const body = multipart(data, filename);
  return t.app.inject({
    method: 'POST',
    url: `${base}/imports?kind=${kind}`,
    payload: body.payload,
    headers: { origin: testOrigin, cookie, ...body.headers },
  });
};

const call = (method: 'GET' | 'POST', url: string, payload?: object, cookie = operator) =>
  t.app.inject({ method, url, headers: { origin: testOrigin, cookie }, ...(payload ? { payload } : {}) });

/** Uploads a file, runs the validation job and returns the checked import. */
async function validated(kind: string, data: Buffer, filename = 'file.xlsx') {
  const res = await upload(kind, data, filename);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('uploaded');
  await t.drainJobs();
  const status = await call('GET', `${base}/transfers/${res.json().id}`);
  expect(status.statusCode).toBe(200);
  return status.json();
}

async function apply(id: string, mode: 'all' | 'valid') {
  const res = await call('POST', `${base}/imports/${id}/apply`, { mode });
  expect(res.statusCode, res.body).toBe(202);
  await t.drainJobs();
  return (await call('GET', `${base}/transfers/${id}`)).json();
}

async function priceOf(sku: string, list = 'retail', minQty = 1): Promise<number | undefined> {
  const [row] = await t.db
    .select({ amount: prices.amount })
    .from(prices)
    .innerJoin(productVariants, eq(productVariants.id, prices.variantId))
    .innerJoin(priceLists, eq(priceLists.id, prices.priceListId))
    .where(and(eq(productVariants.sku, sku), eq(priceLists.code, list), eq(prices.minQty, minQty)));
  return row?.amount;
}

async function onHand(sku: string, warehouseId: string): Promise<number | undefined> {
  const [row] = await t.db
    .select({ onHand: stock.onHand })
    .from(stock)
    .innerJoin(productVariants, eq(productVariants.id, stock.variantId))
    .where(and(eq(productVariants.sku, sku), eq(stock.warehouseId, warehouseId)));
  return row?.onHand;
}

describe('catalog import: prices', () => {
  it('checks a valid XLSX price list, shows the changes, and applies it on request', async () => {
    const file = await xlsx([
      ['Артикул', 'Прайс-лист', 'От количества', 'Цена'],
      ['FLT-BB10', 'retail', 1, '3 590,50'],
      ['FLT-BB20', 'retail', null, 5400],
      ['FLT-BB10', 'dealer', 10, '2 990'],
      ['FLT-SL10', null, 1, 1290],
    ]);
    const checked = await validated('prices', file, 'прайс.xlsx');
    expect(checked).toMatchObject({
      status: 'validated',
      progress: 100,
      kind: 'prices',
      format: 'xlsx',
      fileName: 'прайс.xlsx',
      errorCount: 0,
      counts: { rows: 4, valid: 4, invalid: 0, create: 1, update: 2, unchanged: 1 },
    });
    expect(checked.preview).toContainEqual(
      expect.objectContaining({ row: 2, sku: 'FLT-BB10', target: 'retail', before: 349_000, after: 359_050 }),
    );
    // Nothing changes before "Apply".
    expect(await priceOf('FLT-BB10')).toBe(349_000);

    const done = await apply(checked.id, 'all');
    expect(done).toMatchObject({ status: 'done', progress: 100, applyMode: 'all' });
    expect(await priceOf('FLT-BB10')).toBe(359_050);
    expect(await priceOf('FLT-BB20')).toBe(540_000);
    expect(await priceOf('FLT-BB10', 'dealer', 10)).toBe(299_000);
    expect(await priceOf('FLT-SL10')).toBe(129_000);
    expect((await call('POST', `${base}/imports/${checked.id}/apply`, { mode: 'all' })).statusCode).toBe(409);
  });

  it('reports each bad row with its number and column and changes nothing; "valid rows only" applies the rest', async () => {
    const file = await xlsx([
      [],
      ['sku', 'price_list', 'min_qty', 'price'],
      ['FLT-BB20', 'retail', 1, '5 500,00'],
      ['NO-SUCH', 'retail', 1, 100],
      ['FLT-BB10', 'wholesale', 1, 100],
      ['FLT-SL10', 'retail', 0, 100],
      ['CRT-PP5', 'retail', 1, 'сто рублей'],
      ['CRT-PP5', 'dealer', 1, -5],
      ['CRT-PP5', 'retail', 5, '1,999'],
      ['FLT-BB20', 'retail', 1, 5600],
      [null, 'retail', 1, 100],
    ]);
    const checked = await validated('prices', file);
    expect(checked.status).toBe('validated');
    expect(checked.counts).toMatchObject({ rows: 9, valid: 1, invalid: 8 });
    expect(checked.errorCount).toBe(8);
    const errors = checked.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [4, 'sku'],
        [5, 'price_list'],
        [6, 'min_qty'],
        [7, 'price'],
        [8, 'price'],
        [9, 'price'],
        [10, 'sku'],
        [11, 'sku'],
      ]),
    );
    expect(errors.find((e) => e.row === 10)?.message).toMatch(/row 3/);
    expect((await call('POST', `${base}/imports/${checked.id}/apply`, { mode: 'all' })).statusCode).toBe(409);
    expect(await priceOf('FLT-BB20')).toBe(540_000);

    const report = await call('GET', `${base}/imports/${checked.id}/errors?format=csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toMatch(/attachment/);
    expect(report.body).toContain('row;column;message');
    expect(report.body).toContain('\r\n5;price_list;"Unknown price list ""wholesale"""\r\n');
    const ru = await call('GET', `${base}/transfers/${checked.id}?lang=ru`);
    expect(ru.json().errors[0]).toEqual({
      row: 4,
      column: 'sku',
      code: 'unknownSku',
      message: 'Нет товара или варианта с артикулом «NO-SUCH»',
    });

    const done = await apply(checked.id, 'valid');
    expect(done).toMatchObject({ status: 'done', applyMode: 'valid' });
    expect(await priceOf('FLT-BB20')).toBe(550_000);
    expect(await priceOf('CRT-PP5', 'dealer')).toBeUndefined();
  });

  it('reads a Windows-1251 CSV with ";" and Russian headers', async () => {
    const text =
      'Артикул;Склад;Остаток\r\nFLT-BB10;Основной склад;12\r\nFLT-BB10;wh-kzn;"1 000,5"\r\nCRT-PP5;основной  СКЛАД;0\r\n';
    const checked = await validated('stock', iconv.encode(text, 'win1251'), 'остатки.csv');
    expect(checked).toMatchObject({
      status: 'validated',
      format: 'csv',
      errorCount: 0,
      counts: { rows: 3, create: 3 },
    });
    await apply(checked.id, 'all');
    expect(await onHand('FLT-BB10', ids.main)).toBe(12);
    expect(await onHand('FLT-BB10', ids.kazan)).toBe(1000.5);
    expect(await onHand('CRT-PP5', ids.main)).toBe(0);

    const bad = await validated(
      'stock',
      Buffer.from('sku,warehouse,on_hand\nFLT-BB10,Склад Москва,-1\n'),
      'x.csv',
    );
    expect(bad.errors).toEqual([
      { row: 2, column: 'warehouse', code: 'unknownWarehouse', message: 'Unknown warehouse "Склад Москва"' },
      { row: 2, column: 'on_hand', code: 'atLeast', message: 'Must be 0 or more' },
    ]);
  });
});

describe('catalog import: products', () => {
  it('creates products with their default variant and updates others (UTF-8 CSV with BOM and ",")', async () => {
    const text =
      '\ufeffsku,name,category,brand,unit,pack_size,min_order,weight,volume,status,description\n' +
      'NEW-1,"Кран шаровой 1/2""",Фильтры для воды,Valtec,шт,10,10,"0,25",,active,<p>Латунь<script>x</script></p>\n' +
      'FLT-BB10,Фильтр Big Blue 10" (новый),filters,,,,,,,archived,\n' +
      'NEW-2,Без категории,Нет такой,,,,,,,,\n' +
      'NEW-3,,,,,,,,,,\n';
    const checked = await validated('products', Buffer.from(text, 'utf8'), 'products.csv');
    expect(checked.counts).toMatchObject({ rows: 4, valid: 2, invalid: 2, create: 1, update: 1 });
    expect(checked.errors).toEqual([
      { row: 4, column: 'category', code: 'unknownCategory', message: 'Unknown category "Нет такой"' },
      { row: 5, column: 'name', code: 'required', message: 'A value is required' },
    ]);
    await apply(checked.id, 'valid');
    const [created] = await t.db.select().from(products).where(eq(products.sku, 'NEW-1'));
    expect(created).toMatchObject({
      name: 'Кран шаровой 1/2"',
      categoryId: ids.filters,
      brand: 'Valtec',
      packSize: 10,
      minOrderQty: 10,
      weight: 0.25,
      volume: null,
      status: 'active',
      description: '<p>Латунь</p>',
    });
    const variants = await t.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, created?.id as string));
    expect(variants).toMatchObject([{ sku: 'NEW-1', isDefault: true }]);
    const [updated] = await t.db.select().from(products).where(eq(products.sku, 'FLT-BB10'));
    expect(updated).toMatchObject({
      name: 'Фильтр Big Blue 10" (новый)',
      status: 'archived',
      unit: 'шт',
      brand: null,
    });
    expect((await t.db.select().from(products).where(eq(products.sku, 'NEW-2'))).length).toBe(0);
  });

  it('fails a file without the required columns and a file that is not a workbook', async () => {
    const noPrice = await validated(
      'prices',
      await xlsx([
        ['sku', 'min_qty'],
        ['FLT-BB10', 1],
      ]),
    );
    expect(noPrice).toMatchObject({ status: 'validated', counts: { rows: 1, valid: 0, invalid: 1 } });
    expect(noPrice.errors).toEqual([
      { row: 1, column: 'price', code: 'columnMissing', message: 'A required column is missing' },
    ]);
    expect((await call('POST', `${base}/imports/${noPrice.id}/apply`, { mode: 'valid' })).statusCode).toBe(
      409,
    );

    const broken = await validated(
      'prices',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(2000)]),
    );
    expect(broken.status).toBe('failed');
    expect(broken.message).toMatch(/cannot be read|no worksheet/);
  });
});

describe('catalog import: refusals', () => {
  it('refuses a file that is neither XLSX nor CSV with 415, by its content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await upload('prices', png, 'prices.xlsx')).statusCode).toBe(415);
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(100)]);
    const res = await upload('prices', xls, 'prices.xls');
    expect(res.statusCode).toBe(415);
    expect(res.json().detail).toMatch(/xlsx/i);
    const notMultipart = await call('POST', `${base}/imports?kind=prices`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 'a');
    expect((await upload('prices', big, 'big.csv')).statusCode).toBe(413);
  });

  it('answers 401 without a session and 403 without the catalog.manage permission', async () => {
    const file = await xlsx([
      ['sku', 'price'],
      ['FLT-BB10', 1],
    ]);
    expect((await upload('prices', file, 'a.xlsx', '')).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email: 'manager@example.ru', password },
      headers: { origin: testOrigin },
    });
    const session = signIn.cookies.find((c) => c.name.endsWith('session_token'));
    const manager = `${session?.name}=${session?.value}`;
    expect((await upload('prices', file, 'a.xlsx', manager)).statusCode).toBe(403);
    expect((await call('GET', `${base}/transfers`, undefined, manager)).statusCode).toBe(403);
    expect(
      (await call('POST', `${base}/exports`, { kind: 'prices', format: 'csv' }, manager)).statusCode,
    ).toBe(403);
    expect((await call('GET', `${base}/templates/prices`, undefined, manager)).statusCode).toBe(403);
    expect((await call('GET', `${base}/transfers/${uuidv7()}`)).statusCode).toBe(404);
  });
});

describe('catalog export', () => {
  async function snapshot() {
    return {
      products: await t.db.select().from(products).orderBy(products.sku),
      prices: await t.db.select().from(prices).orderBy(prices.variantId, prices.priceListId, prices.minQty),
      stock: await t.db.select().from(stock).orderBy(stock.variantId, stock.warehouseId),
    };
  }

  it('exports every kind to XLSX and CSV, and the file imports back changing nothing', async () => {
    // A second category with a clashing name is exported by slug, so the round trip stays unambiguous.
    await ensureCategory(t.db, { slug: 'filters-2', name: 'Фильтры для воды' });
    const before = await snapshot();
    for (const format of ['xlsx', 'csv'] as const) {
      for (const kind of ['products', 'prices', 'stock'] as const) {
        const queued = await call('POST', `${base}/exports`, { kind, format });
        expect(queued.statusCode, queued.body).toBe(202);
        expect(queued.json()).toMatchObject({ status: 'queued', direction: 'export' });
        await t.drainJobs();
        const done = (await call('GET', `${base}/transfers/${queued.json().id}`)).json();
        expect(done).toMatchObject({ status: 'done', progress: 100 });
        const file = await call('GET', `${base}/exports/${done.id}/file`);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-disposition']).toContain(`.${format}`);
        const expected = before[kind].length;
        expect(done.counts.rows).toBe(expected);

        const again = await validated(kind, file.rawPayload, `export.${format}`);
        expect(again, `${kind} ${format}`).toMatchObject({
          errorCount: 0,
          counts: { rows: expected, valid: expected, create: 0, update: 0, unchanged: expected },
        });
        expect((await apply(again.id, 'all')).status).toBe('done');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('gives templates with the header and examples, and lists recent transfers newest first', async () => {
    const template = await call('GET', `${base}/templates/products?format=xlsx`);
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([
      undefined,
      'sku',
      'name',
      'category',
      'brand',
      'unit',
      'pack_size',
      'min_order',
      'weight',
      'volume',
      'status',
      'description',
    ]);
    const csv = await call('GET', `${base}/templates/prices?format=csv`);
    expect(csv.body).toMatch(/^\ufeffsku;price_list;min_qty;price\r\n/);

    const first = await call('GET', `${base}/transfers?limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeTruthy();
    const second = (await call('GET', `${base}/transfers?limit=2&cursor=${page.nextCursor}`)).json();
    expect(second.items[0].id < page.items[1].id).toBe(true);
    const exportsOnly = (await call('GET', `${base}/transfers?direction=export&limit=100`)).json();
    expect(exportsOnly.items.every((i: { direction: string }) => i.direction === 'export')).toBe(true);
  });
});
