import {
  assignPriceList,
  ensureCategoryTree,
  ensureDiscount,
  ensurePriceList,
  ensurePromoPrice,
  ensureProperties,
  ensureSeedProducts,
  ensureWarehouses,
  type SeedProduct,
  type SeedVariant,
} from '../../modules/catalog/catalog.seed.js';
import { ensureDefaultPriceList } from '../../modules/catalog/catalog.service.js';
import type { Db } from '../../server/core/db.js';
import {
  type DemoProduct,
  type DemoVariant,
  demoCategoryTree,
  demoContractPrices,
  demoDiscounts,
  demoPriceLists,
  demoProducts,
  demoPromo,
  demoProperties,
  demoQuantityBreaks,
  demoWarehouses,
} from './demo-catalog-data.js';

/** An EAN-13 with the Russian prefix and a fictional maker code; the last digit is the real check digit. */
export function demoBarcode(n: number): string {
  const body = `4607085${String(n).padStart(5, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const kopecks = (roubles: number) => Math.round(roubles * 100);
const DAY = 24 * 60 * 60 * 1000;

/** Who the demo catalog's prices are for: ids the people/companies part of the seed created. */
export interface DemoCatalogTargets {
  dealerGroupId: string;
  dealerCompanyId: string;
  clientCompanyId: string;
  customerId: string;
  now?: Date;
}

/**
 * Seeds the demo catalog: category tree, properties, three warehouses with stock, retail/wholesale/dealer and a
 * contract price list with quantity breaks, a personal discount, a company discount, a promotion, and an
 * industrial line only dealers see. About twenty statements, so every test that seeds the demo stays quick.
 */
export async function seedDemoCatalog(db: Db, targets: DemoCatalogTargets): Promise<void> {
  const now = targets.now ?? new Date();
  const dealersOnly = [targets.dealerGroupId];
  const categoryIds = await ensureCategoryTree(
    db,
    demoCategoryTree.map((c) => ({ ...c, visibleGroupIds: 'dealersOnly' in c ? dealersOnly : null })),
  );

  const propertyDefs = Object.entries(demoProperties).map(([key, p], position) => ({
    externalId: `demo-${key}`,
    position,
    ...p,
    options:
      p.type === 'list'
        ? [
            ...new Set(
              demoProducts.map((d) =>
                key === 'brand' ? d.brand : d.props[key as keyof DemoProduct['props']],
              ),
            ),
          ]
            .filter((v): v is string => typeof v === 'string')
            .sort((a, b) => a.localeCompare(b, 'ru'))
        : undefined,
  }));
  const props = await ensureProperties(db, propertyDefs);
  const warehouseIds = await ensureWarehouses(
    db,
    demoWarehouses.map(({ key, ...w }, position) => ({ externalId: `demo-${key}`, position, ...w })),
  );

  const retail = await ensureDefaultPriceList(db);
  const wholesale = await ensurePriceList(db, demoPriceLists.wholesale);
  const dealer = await ensurePriceList(db, demoPriceLists.dealer);
  const contract = await ensurePriceList(db, demoPriceLists.contract);
  await assignPriceList(db, dealer, { customerGroupId: targets.dealerGroupId });
  await assignPriceList(db, contract, { companyId: targets.dealerCompanyId });
  // The client buys at wholesale prices by its agreement, as 1C assigns a price type to a counterparty.
  await assignPriceList(db, wholesale, { companyId: targets.clientCompanyId });

  let barcode = 0;
  const variantOf = (productSku: string, v: DemoVariant) => {
    const { sku, name, attributes, price, stock } = v;
    const rows: SeedVariant['prices'] = [];
    const add = (priceListId: string, amount: number) => {
      rows.push({ priceListId, amount: kopecks(amount) });
      const brk = demoQuantityBreaks[productSku];
      if (brk)
        rows.push({ priceListId, minQty: brk.from, amount: kopecks(amount * (1 - brk.percent / 100)) });
    };
    add(retail, price);
    add(wholesale, Math.round(price * demoPriceLists.wholesale.factor));
    add(dealer, Math.round(price * demoPriceLists.dealer.factor));
    const contractPrice = demoContractPrices[sku];
    if (contractPrice !== undefined) add(contract, contractPrice);
    return {
      sku,
      name,
      attributes,
      barcodes: [demoBarcode(++barcode)],
      prices: rows,
      stock: demoWarehouses.map((w, i) => ({
        warehouseId: warehouseIds.get(`demo-${w.key}`) as string,
        onHand: stock[i] ?? 0,
      })),
    } satisfies SeedVariant;
  };

  const items: SeedProduct[] = demoProducts.map((d) => {
    const values: SeedProduct['properties'] = [];
    for (const [key, value] of Object.entries({ brand: d.brand, ...d.props })) {
      const prop = props.get(`demo-${key}`);
      if (!prop || value === undefined) continue;
      if (prop.type === 'list')
        values.push({ propertyId: prop.id, optionId: prop.options.get(String(value)) });
      else if (prop.type === 'number') values.push({ propertyId: prop.id, numberValue: Number(value) });
      else values.push({ propertyId: prop.id, textValue: String(value) });
    }
    const hidden = demoCategoryTree.find((c) => c.slug === d.category && 'dealersOnly' in c);
    return {
      sku: d.sku,
      name: d.name,
      description: `<p>${d.description}</p>`,
      categoryId: categoryIds.get(d.category) as string,
      brand: d.brand,
      unit: d.unit ?? 'шт',
      unitCode: d.unit === 'м' ? '006' : d.unit === 'меш' ? null : '796',
      packSize: d.packSize ?? 1,
      minOrderQty: d.minOrderQty ?? 1,
      weight: d.weight ?? null,
      vatRate: 20,
      visibleGroupIds: hidden ? dealersOnly : null,
      properties: values,
      variants: d.variants
        ? d.variants.map((v) => variantOf(d.sku, v))
        : [variantOf(d.sku, { sku: d.sku, name: '', attributes: {}, price: d.price, stock: d.stock })],
    };
  });
  const productIds = await ensureSeedProducts(db, items);

  await ensureDiscount(db, {
    name: demoDiscounts.customer.name,
    userId: targets.customerId,
    scope: 'category',
    categoryId: categoryIds.get(demoDiscounts.customer.category) as string,
    percentBp: demoDiscounts.customer.percent * 100,
  });
  await ensureDiscount(db, {
    name: demoDiscounts.dealer.name,
    companyId: targets.dealerCompanyId,
    scope: 'brand',
    brand: demoDiscounts.dealer.brand,
    percentBp: demoDiscounts.dealer.percent * 100,
  });
  await ensurePromoPrice(db, {
    name: demoPromo.name,
    productId: productIds.get(demoPromo.sku) as string,
    amount: kopecks(demoPromo.roubles),
    customerGroupIds: null,
    startsAt: new Date(now.getTime() - DAY),
    endsAt: new Date(now.getTime() + demoPromo.days * DAY),
  });
}
