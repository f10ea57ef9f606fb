import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../server/core/db.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import { categoryVisible, productVisible } from './visibility.js';

interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  position: number;
  path: string[];
  direct: number;
}

/**
 * The category tree the context may see, flat with parents before children (siblings by position, then name),
 * each with the number of visible products in its subtree. One statement: categories joined to a per-category
 * count of visible products; subtree sums are added up here along `path`.
 */
export async function listCategories(db: Db, ctx: PricingContext) {
  const rows = await queryRows<CategoryRow>(
    db,
    sql`with counts as (
        select p.category_id, count(*)::int as n from products p
        where p.category_id is not null and ${productVisible(ctx.customerGroupId)} group by p.category_id
      )
      select c.id, c.parent_id, c.name, c.slug, c.position, array_to_json(c.path) as path,
        coalesce(counts.n, 0) as direct
      from categories c left join counts on counts.category_id = c.id
      where ${categoryVisible(ctx.customerGroupId)}`,
  );
  const total = new Map<string, number>();
  for (const r of rows) for (const id of r.path) total.set(id, (total.get(id) ?? 0) + r.direct);
  const children = new Map<string | null, CategoryRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parent_id && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const items: Array<{
    id: string;
    parentId: string | null;
    name: string;
    slug: string;
    position: number;
    depth: number;
    productCount: number;
  }> = [];
  const walk = (parent: string | null, depth: number) => {
    const level = (children.get(parent) ?? []).sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    for (const r of level) {
      items.push({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        slug: r.slug,
        position: r.position,
        depth,
        productCount: total.get(r.id) ?? 0,
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return { items };
}

/** Active warehouses, nearest first by position. */
export async function listWarehouses(db: Db) {
  const rows = await queryRows<{ id: string; name: string; address: string | null; delivery_days: number }>(
    db,
    sql`select id, name, address, delivery_days from warehouses where is_active order by position, name`,
  );
  return {
    items: rows.map((w) => ({ id: w.id, name: w.name, address: w.address, deliveryDays: w.delivery_days })),
  };
}
