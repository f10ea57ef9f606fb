import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../server/core/db.js';
import {
  categories,
  discounts,
  priceListAssignments,
  priceLists,
  prices,
  products,
  productVariants,
  promoPrices,
} from '../catalog.tables.js';

/** Test factories for pricing: rows go straight into the tables (the back office that edits them is elsewhere). */
export function pricingFactory(db: Db) {
  let n = 0;
  const next = () => ++n;
  return {
    /** A category under `parent` (its path extends the parent's), optionally limited to customer groups. */
    async category(
      parent: { id: string; path: string[] } | null = null,
      visibleGroupIds: string[] | null = null,
    ) {
      const id = uuidv7();
      const path = [...(parent?.path ?? []), id];
      const i = next();
      await db.insert(categories).values({
        id,
        parentId: parent?.id ?? null,
        slug: `pc-${i}-${id}`,
        name: `Категория ${i}`,
        path,
        visibleGroupIds,
      });
      return { id, path };
    },
    /** A product with its default variant. */
    async product(
      categoryId: string | null,
      opts: { brand?: string; visibleGroupIds?: string[] | null; status?: 'active' | 'archived' } = {},
    ) {
      const id = uuidv7();
      const variantId = uuidv7();
      const sku = `PR-${next()}-${id.slice(-6)}`;
      await db.insert(products).values({
        id,
        sku,
        name: `Товар ${sku}`,
        categoryId,
        brand: opts.brand ?? null,
        visibleGroupIds: opts.visibleGroupIds ?? null,
        status: opts.status ?? 'active',
      });
      await db.insert(productVariants).values({ id: variantId, productId: id, sku, isDefault: true });
      return { productId: id, variantId };
    },
    /** A second variant of a product. */
    async variant(productId: string) {
      const id = uuidv7();
      await db.insert(productVariants).values({ id, productId, sku: `V-${next()}-${id.slice(-6)}` });
      return id;
    },
    /** A price list; `isDefault` makes it the guest (retail) list. */
    async list(name: string, isDefault = false) {
      const id = uuidv7();
      await db.insert(priceLists).values({ id, code: `pl-${next()}-${id.slice(-6)}`, name, isDefault });
      return id;
    },
    /** Assigns a list to a customer group or a company, replacing the target's current list (the demo seeds some). */
    async assign(priceListId: string, target: { companyId: string } | { customerGroupId: string }) {
      await this.unassign(target);
      await db.insert(priceListAssignments).values({ id: uuidv7(), priceListId, ...target });
    },
    /** Removes the target's list assignment, if any. */
    async unassign(target: { companyId: string } | { customerGroupId: string }) {
      await db
        .delete(priceListAssignments)
        .where(
          'companyId' in target
            ? eq(priceListAssignments.companyId, target.companyId)
            : eq(priceListAssignments.customerGroupId, target.customerGroupId),
        );
    },
    /** Prices of a variant in a list: `{ 1: 10000, 50: 9000 }` sets the breaks (min quantity → kopecks). */
    async price(priceListId: string, variantId: string, breaks: Record<number, number>) {
      await db.insert(prices).values(
        Object.entries(breaks).map(([minQty, amount]) => ({
          priceListId,
          variantId,
          minQty: Number(minQty),
          amount,
        })),
      );
    },
    async discount(values: Omit<typeof discounts.$inferInsert, 'id' | 'name'> & { name?: string }) {
      const id = uuidv7();
      await db.insert(discounts).values({ id, name: `Скидка ${next()}`, ...values });
      return id;
    },
    async promo(values: Omit<typeof promoPrices.$inferInsert, 'id' | 'name'> & { name?: string }) {
      const id = uuidv7();
      await db.insert(promoPrices).values({ id, name: `Акция ${next()}`, ...values });
      return id;
    },
  };
}

export type PricingFactory = ReturnType<typeof pricingFactory>;
