import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import {
  categories,
  companies,
  companyMembers,
  discounts,
  priceListAssignments,
  priceLists,
  prices,
  productPropertyValues,
  products,
  productVariants,
  promoPrices,
  staffMembers,
  stock,
  users,
  warehouses,
} from '../schema.js';
import { seedDemo } from './demo.js';
import { demoBarcode } from './demo-catalog.js';
import { demoPeople } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const counts = async () => ({
  users: await t.db.$count(users),
  staff: await t.db.$count(staffMembers),
  companies: await t.db.$count(companies),
  members: await t.db.$count(companyMembers),
  categories: await t.db.$count(categories),
  products: await t.db.$count(products),
  variants: await t.db.$count(productVariants),
  warehouses: await t.db.$count(warehouses),
  stock: await t.db.$count(stock),
  priceLists: await t.db.$count(priceLists),
  prices: await t.db.$count(prices),
  assignments: await t.db.$count(priceListAssignments),
  discounts: await t.db.$count(discounts),
  promos: await t.db.$count(promoPrices),
  values: await t.db.$count(productPropertyValues),
});

describe('demo business', () => {
  it('uses the default branding before seeding', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/settings' });
    expect(res.json()).toMatchObject({ name: 'Kabinet', languages: ['ru', 'en'], defaultLanguage: 'ru' });
  });

  it('seeds people with the documented e-mails, companies and products, once', async () => {
    expect(await seedDemo(t.db, { publicUrl: 'http://localhost:3000', password: 'demo-password-1' })).toBe(
      true,
    );
    const first = await counts();
    expect(first).toMatchObject({
      users: 8,
      staff: 2,
      companies: 3,
      members: 5,
      categories: 17,
      products: 41,
      variants: 50,
      warehouses: 3,
      stock: 50 * 3,
      priceLists: 4,
      assignments: 3,
      discounts: 2,
      promos: 1,
    });
    expect(first.values).toBeGreaterThan(100);
    const emails = (await t.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    expect(emails).toEqual(
      [
        'admin@demo.kabinet.local',
        'customer@demo.kabinet.local',
        'buyer@dealer.demo.kabinet.local',
        'employee@demo.kabinet.local',
        'supplier@demo.kabinet.local',
        'owner@dealer.demo.kabinet.local',
        'support@demo.kabinet.local',
        'accountant@dealer.demo.kabinet.local',
      ].sort(),
    );
    expect(await seedDemo(t.db, { publicUrl: 'http://localhost:3000', password: 'demo-password-1' })).toBe(
      false,
    );
    expect(await counts()).toEqual(first);
  });

  it('brands the portal and welcomes the admin through the mail queue', async () => {
    const settings = await t.app.inject({ url: '/api/v1/public/settings' });
    expect(settings.json()).toMatchObject({ name: 'АкваТехника', primaryColor: '#0b7285' });
    await t.drainJobs();
    const cookie = await t.operator();
    const mail = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?to=${demoPeople.admin.email}`,
      headers: { cookie },
    });
    expect(mail.json().items).toHaveLength(1);
    expect(mail.json().items[0].subject).toContain('Kabinet');
  });
});

describe('demo catalog', () => {
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.db, query);

  it('finds products by Russian word forms and by a typo, as the search will', async () => {
    const stem = await rows<{ sku: string }>(
      sql`select sku from products where search_vector @@ plainto_tsquery('russian', 'кабел') order by sku`,
    );
    expect(stem.map((r) => r.sku)).toContain('CBL-VVG-3x1.5');
    const typo = await rows<{ name: string }>(
      sql`select name from products where 'фильтер' <% name order by word_similarity('фильтер', name) desc`,
    );
    expect(typo[0]?.name).toMatch(/^Фильтр/);
  });

  it('prices the dealer by contract, its group list and breaks; hides the industrial line from others', async () => {
    const list = await rows<{ code: string; amount: string; min_qty: string }>(sql`
      select pl.code, p.amount, p.min_qty from prices p
      join price_lists pl on pl.id = p.price_list_id
      join product_variants v on v.id = p.variant_id
      where v.sku = 'CRT-PP5-10' order by pl.code, p.min_qty`);
    expect(list.map((r) => [r.code, Number(r.min_qty), Number(r.amount)])).toEqual([
      ['contract-vodoservis', 1, 11_900],
      ['contract-vodoservis', 50, 10_472],
      ['dealer', 1, 14_800],
      ['dealer', 50, 13_024],
      ['retail', 1, 19_000],
      ['retail', 50, 16_720],
      ['wholesale', 1, 16_700],
      ['wholesale', 50, 14_696],
    ]);
    const hidden = await rows<{ sku: string; groups: string[] | string }>(
      sql`select p.sku, p.visible_group_ids as groups from products p
        join customer_groups g on g.id = any(p.visible_group_ids) where g.name = 'Дилеры' order by p.sku`,
    );
    expect(hidden.map((r) => r.sku)).toEqual(['IND-RO-1000', 'IND-RO-500', 'IND-SOF-1465']);
    const assigned = await rows<{ code: string; target: string }>(sql`
      select pl.code, coalesce(g.name, c.name) as target from price_list_assignments a
      join price_lists pl on pl.id = a.price_list_id
      left join customer_groups g on g.id = a.customer_group_id
      left join companies c on c.id = a.company_id order by pl.code`);
    expect(assigned).toEqual([
      { code: 'contract-vodoservis', target: 'ВодоСервис' },
      { code: 'dealer', target: 'Дилеры' },
      { code: 'wholesale', target: 'Чистая вода Урал' },
    ]);
  });

  it('gives variants their own SKU, barcode and stock, with a valid EAN-13 check digit', async () => {
    expect(demoBarcode(1)).toMatch(/^\d{13}$/);
    // 460708500001 → weights 1,3,…: check digit makes the sum a multiple of 10.
    const digits = [...demoBarcode(1)].map(Number);
    expect(digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0) % 10).toBe(0);
    const variants = await rows<{ sku: string; barcodes: string[]; on_hand: string }>(sql`
      select v.sku, v.barcodes, sum(s.on_hand) as on_hand from product_variants v
      join products p on p.id = v.product_id join stock s on s.variant_id = v.id
      where p.sku = 'VLV-BALL' group by v.sku, v.barcodes, v.position order by v.position`);
    expect(variants.map((v) => [v.sku, Number(v.on_hand)])).toEqual([
      ['VLV-BALL-12', 530],
      ['VLV-BALL-34', 303],
      ['VLV-BALL-1', 0],
    ]);
    expect(variants[0]?.barcodes).toHaveLength(1);
  });
});
