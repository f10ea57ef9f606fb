import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../server/core/db.js';
import { customerGroups } from '../../companies/companies.tables.js';
import { companiesTestApp, demoCompanies, demoPeople } from '../../companies/companies.testkit.js';
import { ensureDefaultPriceList } from '../catalog.service.js';
import {
  categories,
  priceListAssignments,
  priceLists,
  prices,
  productImages,
  productPropertyValues,
  productRelations,
  products,
  productVariants,
  properties,
  propertyOptions,
  stock,
  warehouses,
} from '../catalog.tables.js';

/** Test data of the shopper-facing catalog, inserted directly into the tables. */
export function catalogFixtures(db: Db) {
  return {
    async category(name: string, parent?: { id: string; path: string[] }, visibleGroupIds?: string[] | null) {
      const id = uuidv7();
      const path = [...(parent?.path ?? []), id];
      await db.insert(categories).values({
        id,
        parentId: parent?.id ?? null,
        slug: `t-${id}`,
        name,
        path,
        visibleGroupIds: visibleGroupIds ?? null,
      });
      return { id, path };
    },

    /** A product with its default variant, retail price (kopecks) and optional extras. */
    async product(p: {
      name: string;
      sku: string;
      categoryId: string | null;
      price?: number;
      brand?: string;
      visibleGroupIds?: string[] | null;
      status?: 'active' | 'archived';
      description?: string;
      barcodes?: string[];
      minOrderQty?: number;
      packSize?: number;
    }) {
      const id = uuidv7();
      const variantId = uuidv7();
      await db.insert(products).values({
        id,
        sku: p.sku,
        name: p.name,
        categoryId: p.categoryId,
        brand: p.brand ?? null,
        visibleGroupIds: p.visibleGroupIds ?? null,
        status: p.status ?? 'active',
        description: p.description ?? '',
        minOrderQty: p.minOrderQty ?? 1,
        packSize: p.packSize ?? 1,
      });
      await db
        .insert(productVariants)
        .values({ id: variantId, productId: id, sku: p.sku, isDefault: true, barcodes: p.barcodes ?? [] });
      if (p.price !== undefined) {
        await db
          .insert(prices)
          .values({ priceListId: await ensureDefaultPriceList(db), variantId, amount: p.price });
      }
      return { id, variantId };
    },

    async variant(productId: string, sku: string, attributes: Record<string, string>, price?: number) {
      const id = uuidv7();
      await db.insert(productVariants).values({ id, productId, sku, attributes, position: 1 });
      if (price !== undefined) {
        await db
          .insert(prices)
          .values({ priceListId: await ensureDefaultPriceList(db), variantId: id, amount: price });
      }
      return id;
    },

    async warehouse(name: string, deliveryDays: number, position = 0) {
      const id = uuidv7();
      await db.insert(warehouses).values({ id, name, deliveryDays, position });
      return id;
    },

    async stock(variantId: string, warehouseId: string, onHand: number, reserved = 0) {
      await db.insert(stock).values({ variantId, warehouseId, onHand, reserved });
    },

    /** Contract prices for one company: into its assigned list, or a new one assigned to it. */
    async contractPrices(
      companyId: string,
      amounts: Array<[variantId: string, amount: number, minQty?: number]>,
    ) {
      const [assigned] = await db
        .select({ id: priceListAssignments.priceListId })
        .from(priceListAssignments)
        .where(eq(priceListAssignments.companyId, companyId));
      const listId = assigned?.id ?? uuidv7();
      if (!assigned) {
        await db.insert(priceLists).values({ id: listId, code: `contract-${listId}`, name: 'Контракт' });
        await db.insert(priceListAssignments).values({ id: uuidv7(), priceListId: listId, companyId });
      }
      await db.insert(prices).values(
        amounts.map(([variantId, amount, minQty]) => ({
          priceListId: listId,
          variantId,
          amount,
          minQty: minQty ?? 1,
        })),
      );
      return listId;
    },

    async retailBreak(variantId: string, minQty: number, amount: number) {
      await db
        .insert(prices)
        .values({ priceListId: await ensureDefaultPriceList(db), variantId, amount, minQty });
    },

    async listProperty(name: string, values: string[]) {
      const id = uuidv7();
      await db.insert(properties).values({ id, name, type: 'list', filterable: true });
      const options = values.map((value, position) => ({ id: uuidv7(), propertyId: id, value, position }));
      await db.insert(propertyOptions).values(options);
      return { id, options: options.map((o) => o.id) };
    },

    async numberProperty(name: string, unit: string) {
      const id = uuidv7();
      await db.insert(properties).values({ id, name, type: 'number', unit, filterable: true });
      return id;
    },

    async value(productId: string, propertyId: string, v: { optionId?: string; numberValue?: number }) {
      await db.insert(productPropertyValues).values({
        id: uuidv7(),
        productId,
        propertyId,
        optionId: v.optionId ?? null,
        numberValue: v.numberValue ?? null,
      });
    },

    async image(productId: string) {
      const id = uuidv7();
      await db.insert(productImages).values({
        id,
        productId,
        storageKey: `catalog-media/${id}-original.jpg`,
        thumbKey: `catalog-media/${id}-thumb.webp`,
      });
      return id;
    },

    async relation(productId: string, relatedId: string, kind: 'related' | 'analogue') {
      await db.insert(productRelations).values({ productId, relatedId, kind });
    },

    async groupId(name: string) {
      const [row] = await db
        .select({ id: customerGroups.id })
        .from(customerGroups)
        .where(eq(customerGroups.name, name));
      if (!row) throw new Error(`no customer group ${name}`);
      return row.id;
    },
  };
}

/** The demo business with catalog helpers: cookies of the guest-free scopes and the companies' ids. */
export async function catalogTestApp() {
  const k = await companiesTestApp();
  const f = catalogFixtures(k.t.db);
  const customer = await k.cookieOf(demoPeople.customer.email);
  const dealerOwner = await k.cookieOf(demoPeople.owner.email);
  const supplierOwner = await k.cookieOf(demoPeople.supplier.email);
  const dealerId = await k.companyIdOf(dealerOwner, demoCompanies.dealer.name);
  const supplierId = await k.companyIdOf(supplierOwner, demoCompanies.supplier.name);
  const dealerGroupId = await f.groupId('Дилеры');
  const get = (url: string, cookie?: string) =>
    k.t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { k, f, customer, dealerOwner, supplierOwner, dealerId, supplierId, dealerGroupId, get };
}
