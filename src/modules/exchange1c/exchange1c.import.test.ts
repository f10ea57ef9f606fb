import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { sharedFixtures } from '../../test/shared-fixtures.js';
import { ExchangeClient, zipOf } from './testing/client.js';

const fixtures = sharedFixtures('commerceml', 'exchange1c import');
const haveFixtures = fixtures !== null;
const fixture = (path: string) => readFileSync(resolve(fixtures ?? '', path));
const own = (name: string) => readFileSync(fileURLToPath(new URL(`./testdata/${name}`, import.meta.url)));

const login = 'exchange-1c';
const password = 'correct horse battery';
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await buildTestApp({ exchange1c: { login, password, fileLimit: 16 * 1024 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

/** The numbers in `success\nimported groups=1 products=36 …`. */
function countsOf(message: string | undefined): Record<string, number> {
  return Object.fromEntries([...(message ?? '').matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

/**
 * A whole exchange as 1C runs it: checkauth, init, the files (in one zip or one by one, in chunks of
 * `chunk` bytes), then mode=import for each XML file in order. Returns each file's final answer.
 */
async function exchange(files: [string, Buffer][], options: { zip?: boolean; chunk?: number } = {}) {
  const client = new ExchangeClient(baseUrl, login, password);
  expect((await client.checkauth()).status).toBe('success');
  expect((await client.init()).status).toBe('zip=yes');
  const chunk = options.chunk ?? 16 * 1024;
  if (options.zip) {
    const answer = await client.upload('v8_exchange.zip', zipOf(Object.fromEntries(files)), chunk);
    expect(answer.status).toBe('success');
  } else {
    for (const [name, data] of files) expect((await client.upload(name, data, chunk)).status).toBe('success');
  }
  const results: Record<string, { status: string; message: string; counts: Record<string, number> }> = {};
  for (const [name] of files.filter(([n]) => n.endsWith('.xml'))) {
    const answer = await client.import(name);
    results[name] = {
      status: answer.status,
      message: answer.lines.join(' '),
      counts: countsOf(answer.lines[0]),
    };
  }
  return results;
}

/** Everything an import may change: row counts, latest update times and the set of ids. */
async function snapshot() {
  const [row] = await queryRows<Record<string, unknown>>(
    t.db,
    sql`select (select count(*)::int from categories) as categories, (select count(*)::int from products) as products,
      (select count(*)::int from product_variants) as variants, (select count(*)::int from prices) as prices,
      (select count(*)::int from stock) as stock, (select count(*)::int from price_lists) as price_lists,
      (select count(*)::int from warehouses) as warehouses, (select count(*)::int from properties) as properties,
      (select count(*)::int from property_options) as options, (select count(*)::int from product_property_values) as values,
      (select count(*)::int from product_images) as images,
      (select max(updated_at)::text from products) as products_at, (select max(updated_at)::text from product_variants) as variants_at,
      (select max(updated_at)::text from prices) as prices_at, (select max(updated_at)::text from stock) as stock_at,
      (select max(updated_at)::text from categories) as categories_at,
      (select md5(string_agg(id::text || status || sku || name, ',' order by id)) from products) as products_hash,
      (select md5(string_agg(id::text || status || sku, ',' order by id)) from product_variants) as variants_hash,
      (select md5(string_agg(price_list_id::text || variant_id::text || amount, ',' order by price_list_id, variant_id)) from prices) as prices_hash,
      (select md5(string_agg(variant_id::text || warehouse_id::text || on_hand, ',' order by variant_id, warehouse_id)) from stock) as stock_hash,
      (select md5(string_agg(id::text, ',' order by id)) from product_property_values) as values_hash`,
  );
  return row as Record<string, unknown>;
}

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.db, query))[0] as T;

describe.skipIf(!haveFixtures)('CommerceML fixtures through the HTTP exchange', () => {
  const dobro = () =>
    [
      ['import0_1.xml', fixture('dobromyslov-commerceml-parser/import0_1.xml')],
      ['offers0_1.xml', fixture('dobromyslov-commerceml-parser/offers0_1.xml')],
    ] as [string, Buffer][];

  it('imports dobromyslov import0_1 + offers0_1 (UTF-8 BOM, commerceml_2) in chunks, unzipped', async () => {
    const results = await exchange(dobro(), { chunk: 16 * 1024 });
    expect(results['import0_1.xml']).toMatchObject({
      status: 'success',
      counts: { groups: 1, properties: 12, products: 36 },
    });
    // The fixture is the first chunk of a bigger exchange: 8 of its 44 offers are for products in other chunks.
    expect(results['offers0_1.xml']).toMatchObject({
      status: 'success',
      counts: { priceTypes: 1, warehouses: 3, offers: 44, skipped: 8 },
    });
    const s = await snapshot();
    expect(s).toMatchObject({
      categories: 1,
      products: 36,
      price_lists: 1,
      warehouses: 3,
      properties: 12,
      prices: 36,
    });
    expect(countsOf(results['offers0_1.xml']?.message).prices).toBe(36);
    // The only price list became the default one.
    expect(
      await one<{ n: number }>(sql`select count(*)::int as n from price_lists where is_default`),
    ).toEqual({ n: 1 });
    // Stock per warehouse from the attribute form, not the total.
    expect(await one<{ n: number }>(sql`select count(distinct warehouse_id)::int as n from stock`)).toEqual({
      n: 3,
    });
  });

  it('re-importing the same files, zipped this time, changes nothing', async () => {
    const before = await snapshot();
    const results = await exchange(dobro(), { zip: true, chunk: 8 * 1024 });
    expect(results['import0_1.xml']?.status).toBe('success');
    expect(results['offers0_1.xml']?.status).toBe('success');
    expect(await snapshot()).toEqual(before);
  });

  it('a changed price updates only that price', async () => {
    const before = await snapshot();
    const offers = fixture('dobromyslov-commerceml-parser/offers0_1.xml').toString('utf8');
    const first = /<ЦенаЗаЕдиницу>([^<]+)<\/ЦенаЗаЕдиницу>/.exec(offers);
    const changed = offers.replace(first?.[0] ?? '', '<ЦенаЗаЕдиницу>123456.78</ЦенаЗаЕдиницу>');
    const results = await exchange([['offers0_1.xml', Buffer.from(changed)]]);
    expect(results['offers0_1.xml']?.status).toBe('success');
    const after = await snapshot();
    expect(after.prices_hash).not.toEqual(before.prices_hash);
    expect({ ...after, prices_hash: 0, prices_at: 0 }).toEqual({ ...before, prices_hash: 0, prices_at: 0 });
    const changedRows = await queryRows<{ amount: number }>(
      t.db,
      sql`select amount from prices where updated_at > ${before.prices_at}::timestamptz`,
    );
    expect(changedRows.map((r) => Number(r.amount))).toEqual([12345678]);
  });

  it('imports bigperson import.xml + offers.xml (commerceml_210) in one zip; the full catalog archives the rest', async () => {
    const active = await one<{ n: number }>(
      sql`select count(*)::int as n from products where status = 'active'`,
    );
    const results = await exchange(
      [
        ['import.xml', fixture('bigperson-exchange1c/import.xml')],
        ['offers.xml', fixture('bigperson-exchange1c/offers.xml')],
      ],
      { zip: true, chunk: 4 * 1024 },
    );
    expect(results['import.xml']).toMatchObject({
      status: 'success',
      counts: { groups: 5, properties: 3, products: 2, archived: active.n },
    });
    expect(results['offers.xml']).toMatchObject({
      status: 'success',
      counts: { priceTypes: 3, offers: 2, prices: 6, properties: 1 },
    });
    const variants = await queryRows<{ attributes: Record<string, string>; status: string; prices: number }>(
      t.db,
      sql`select v.attributes, v.status, (select count(*)::int from prices p where p.variant_id = v.id) as prices
        from product_variants v join products p on p.id = v.product_id
        where p.external_id = 'ffce323d-c133-11e8-8111-0050569b2b72' order by v.is_default, v.external_id`,
    );
    expect(variants).toEqual([
      { attributes: { Цвет: 'Бежевый' }, status: 'active', prices: 3 },
      { attributes: { Цвет: 'Желтый' }, status: 'active', prices: 3 },
      { attributes: {}, status: 'archived', prices: 0 },
    ]);
    const before = await snapshot();
    await exchange([
      ['import.xml', fixture('bigperson-exchange1c/import.xml')],
      ['offers.xml', fixture('bigperson-exchange1c/offers.xml')],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('order files (type=sale documents) get failure on a catalog import and change nothing', async () => {
    const before = await snapshot();
    for (const path of [
      'carono-1c-samples/to.xml',
      'carono-1c-samples/from.xml',
      'dobromyslov-commerceml-parser/bitrix-query-response-full.xml',
    ]) {
      const results = await exchange([['orders.xml', fixture(path)]]);
      expect(results['orders.xml']).toMatchObject({
        status: 'failure',
        message: 'file holds orders, not a catalog (use type=sale)',
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a truncated, malformed or foreign file gets failure and leaves the catalog unchanged', async () => {
    const before = await snapshot();
    const full = fixture('dobromyslov-commerceml-parser/import0_1.xml');
    const changed = Buffer.from(full.toString('utf8').replace(/Наименование>/g, 'Наименование>ИЗМЕНЕНО '));
    const cases: [string, Buffer, RegExp][] = [
      ['import.xml', changed.subarray(0, Math.floor(changed.length * 0.9)), /not well-formed XML/],
      [
        'import.xml',
        Buffer.from(changed.toString('utf8').replace('</Товар>', '</Товр>')),
        /not well-formed XML/,
      ],
      ['import.xml', Buffer.from('<html><body>Hello</body></html>'), /not a CommerceML file/],
      ['import.xml', Buffer.from('PK\u0003\u0004 definitely not a zip'), /damaged zip/],
      ['import.xml', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10]), /not well-formed|not a CommerceML/],
    ];
    for (const [name, data, reason] of cases) {
      const results = await exchange([[name, data]]);
      expect(results[name]?.status).toBe('failure');
      expect(results[name]?.message).toMatch(reason);
      expect(results[name]?.message).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('CommerceML variations (project test data)', () => {
  it('reads windows-1251 (2.03, no namespace, СвойствоНоменклатуры, unit as text)', async () => {
    const results = await exchange([['import.xml', own('cp1251-import.xml')]]);
    expect(results['import.xml']).toMatchObject({
      status: 'success',
      counts: { groups: 1, properties: 1, products: 1 },
    });
    expect(results['import.xml']?.counts.archived).toBeUndefined();
    const product = await one<{
      name: string;
      sku: string;
      unit: string;
      category: string;
      text_value: string;
    }>(
      sql`select p.name, p.sku, p.unit, c.name as category, v.text_value from products p join categories c on c.id = p.category_id
        join product_property_values v on v.product_id = p.id where p.external_id = 'kab1251-p'`,
    );
    expect(product).toEqual({
      name: 'Кабель ВВГнг 3х2,5',
      sku: 'ВВГ-3х2.5',
      unit: 'м',
      category: 'Кабели и провода',
      text_value: '2,5',
    });
  });

  it('combines the split exchange of 1C:УТ 11 (import___, offers___, prices___, rests___)', async () => {
    const id = '5f1c2a30-0000-4000-8000-000000000001';
    const names = ['import', 'offers', 'prices', 'rests'].map((kind) => `${kind}___${id}.xml`);
    // The picture the catalog names travels in the same exchange, under import_files/.
    const { default: sharp } = await import('sharp');
    const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const results = await exchange([
      ['import_files/ab/ut-p1.jpg', picture],
      ...names.map((n) => [n, own(n)] as [string, Buffer]),
    ]);
    for (const n of names) expect(results[n]?.status).toBe('success');
    expect(results[names[0] as string]?.counts.archived).toBeUndefined();
    const rows = await queryRows<{
      sku: string;
      attributes: Record<string, string>;
      amount: number;
      on_hand: number;
      list: string;
    }>(
      t.db,
      sql`select v.sku, v.attributes, pr.amount, s.on_hand, pl.name as list from product_variants v
        join prices pr on pr.variant_id = v.id join price_lists pl on pl.id = pr.price_list_id
        join stock s on s.variant_id = v.id where v.external_id like 'ut-p1#%' order by v.sku`,
    );
    expect(rows.map((r) => ({ ...r, amount: Number(r.amount), on_hand: Number(r.on_hand) }))).toEqual([
      { sku: 'SH-1-42', attributes: { Размер: '42' }, amount: 799000, on_hand: 3, list: 'Розничная цена' },
      { sku: 'SH-1-43', attributes: { Размер: '43' }, amount: 819050, on_hand: 0, list: 'Розничная цена' },
    ]);
    const product = await one<{
      weight: number;
      brand: string;
      image: string;
      stored: boolean;
      width: number;
    }>(
      sql`select p.weight::float8 as weight, o.value as brand, i.source_path as image, i.storage_key <> '' and i.thumb_key <> '' as stored, i.width from products p
        join product_property_values v on v.product_id = p.id join property_options o on o.id = v.option_id
        join product_images i on i.product_id = p.id where p.external_id = 'ut-p1'`,
    );
    expect(product).toEqual({
      weight: 0.8,
      brand: 'Скороход',
      image: 'import_files/ab/ut-p1.jpg',
      stored: true,
      width: 64,
    });
  });

  it('reads element-form stock and total-only stock, prices to the kopeck; a full package archives what it left out', async () => {
    const active = await one<{ n: number }>(
      sql`select count(*)::int as n from products where status = 'active'`,
    );
    const results = await exchange([['element-stock-offers.xml', own('element-stock-offers.xml')]]);
    expect(results['element-stock-offers.xml']).toMatchObject({
      status: 'success',
      counts: {
        groups: 2,
        priceTypes: 2,
        warehouses: 2,
        products: 2,
        offers: 2,
        prices: 3,
        archived: active.n,
      },
    });
    const stock = await queryRows<{ product: string; warehouse: string; on_hand: number }>(
      t.db,
      sql`select p.external_id as product, w.name as warehouse, s.on_hand::float8 as on_hand from stock s
        join product_variants v on v.id = s.variant_id join products p on p.id = v.product_id join warehouses w on w.id = s.warehouse_id
        where p.external_id like 'kab-p%' order by 1, 2`,
    );
    expect(stock).toEqual([
      { product: 'kab-p1', warehouse: 'Склад А', on_hand: 7 },
      { product: 'kab-p1', warehouse: 'Склад Б', on_hand: 2.5 },
      { product: 'kab-p2', warehouse: 'Основной склад', on_hand: 11 },
    ]);
    const prices = await queryRows<{ product: string; list: string; amount: string }>(
      t.db,
      sql`select p.external_id as product, pl.external_id as list, pr.amount::text as amount from prices pr
        join product_variants v on v.id = pr.variant_id join products p on p.id = v.product_id join price_lists pl on pl.id = pr.price_list_id
        where p.external_id like 'kab-p%' order by 1, 2`,
    );
    expect(prices).toEqual([
      { product: 'kab-p1', list: 'kab-pt-opt', amount: '419910' },
      { product: 'kab-p1', list: 'kab-pt-rozn', amount: '499999' },
      { product: 'kab-p2', list: 'kab-pt-rozn', amount: '29' },
    ]);
    const barcode = await one<{ barcodes: string[] }>(
      sql`select barcodes from product_variants where external_id = 'kab-p1'`,
    );
    expect(barcode.barcodes).toEqual(['4600000000017']);
    const path = await one<{ depth: number }>(
      sql`select cardinality(path) as depth from categories where external_id = 'kab-g1-1'`,
    );
    expect(path.depth).toBe(2);
  });

  it('a repeated Артикул falls back to the 1C id, within a batch and across batches of a big file', async () => {
    // 1 200 products: more than one write batch. kab-sku-1 and kab-sku-1100 share an SKU in different
    // batches, kab-sku-2 and kab-sku-3 in the same one; the first of each pair keeps it.
    const sku = (i: number) =>
      i === 1 || i === 1100 ? 'KAB-DUP' : i === 2 || i === 3 ? 'KAB-SAME' : `KAB-${i}`;
    const products = Array.from(
      { length: 1200 },
      (_, k) =>
        `<Товар><Ид>kab-sku-${k + 1}</Ид><Артикул>${sku(k + 1)}</Артикул><Наименование>Товар ${k + 1}</Наименование></Товар>`,
    ).join('\n');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_210" ВерсияСхемы="2.10">
<Каталог СодержитТолькоИзменения="true"><Ид>kab-sku-cat</Ид><Наименование>Каталог</Наименование><Товары>
${products}
</Товары></Каталог></КоммерческаяИнформация>`;
    const results = await exchange([['import.xml', Buffer.from(xml)]]);
    expect(results['import.xml']).toMatchObject({
      status: 'success',
      counts: { products: 1200 },
    });
    const skus = await queryRows<{ external_id: string; sku: string }>(
      t.db,
      sql`select external_id, sku from products where external_id in ('kab-sku-1', 'kab-sku-2', 'kab-sku-3', 'kab-sku-1100', 'kab-sku-1200') order by 1`,
    );
    expect(skus).toEqual([
      { external_id: 'kab-sku-1', sku: 'KAB-DUP' },
      { external_id: 'kab-sku-1100', sku: 'kab-sku-1100' },
      { external_id: 'kab-sku-1200', sku: 'KAB-1200' },
      { external_id: 'kab-sku-2', sku: 'KAB-SAME' },
      { external_id: 'kab-sku-3', sku: 'kab-sku-3' },
    ]);
  });
});
