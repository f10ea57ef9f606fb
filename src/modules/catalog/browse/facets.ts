import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../server/core/db.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import type { Facets } from './browse.schema.js';
import { listPriceSql } from './list-price.js';
import { searchHitsCte } from './search.js';

interface FacetRow {
  kind: 'option' | 'number' | 'price' | 'brand';
  property_id: string | null;
  property_name: string | null;
  property_type: 'text' | 'number' | 'list' | null;
  unit: string | null;
  property_position: number | null;
  option_id: string | null;
  label: string | null;
  option_position: number | null;
  n: number | null;
  x: number | null;
}

/**
 * Facet counts for the products matching a listing's filters (the same predicates, without the cursor), in one
 * aggregate statement: options of filterable list properties with counts, ranges of filterable number
 * properties, the price range and brands with counts.
 */
export async function loadFacets(
  db: Db,
  ctx: PricingContext,
  q: string | null,
  where: SQL[],
): Promise<Facets> {
  const hits = q ? sql`${searchHitsCte(q)},` : sql``;
  const joinHits = q ? sql`join hits h on h.id = p.id` : sql``;
  const rows = await queryRows<FacetRow>(
    db,
    sql`with ${hits} matched as materialized (
        select p.id, p.brand, (${listPriceSql(ctx, sql`dv.id`)})::float8 as price
        from products p
        left join product_variants dv on dv.product_id = p.id and dv.is_default
        ${joinHits}
        where ${sql.join(where, sql` and `)}
      )
      select 'option' as kind, fp.id as property_id, fp.name as property_name, fp.type as property_type, fp.unit,
        fp.position as property_position, fo.id as option_id, fo.value as label, fo.position as option_position,
        count(distinct m.id)::float8 as n, null::float8 as x
      from matched m join product_property_values v on v.product_id = m.id
      join properties fp on fp.id = v.property_id and fp.filterable and fp.type = 'list'
      join property_options fo on fo.id = v.option_id
      group by fp.id, fo.id
      union all
      select 'number', fp.id, fp.name, fp.type, fp.unit, fp.position, null, null, null,
        min(v.number_value)::float8, max(v.number_value)::float8
      from matched m join product_property_values v on v.product_id = m.id
      join properties fp on fp.id = v.property_id and fp.filterable and fp.type = 'number'
      where v.number_value is not null
      group by fp.id
      union all
      select 'price', null, null, null, null, null, null, null, null, min(m.price), max(m.price)
      from matched m having count(m.price) > 0
      union all
      select 'brand', null, null, null, null, null, null, m.brand, null, count(*)::float8, null
      from matched m where m.brand is not null group by m.brand`,
  );
  return presentFacets(rows);
}

function presentFacets(rows: FacetRow[]): Facets {
  const properties = new Map<string, Facets['properties'][number] & { position: number }>();
  for (const r of rows) {
    if ((r.kind !== 'option' && r.kind !== 'number') || !r.property_id) continue;
    const facet = properties.get(r.property_id) ?? {
      propertyId: r.property_id,
      name: r.property_name ?? '',
      type: r.property_type ?? 'list',
      unit: r.unit,
      options: [],
      min: null,
      max: null,
      position: r.property_position ?? 0,
    };
    if (r.kind === 'option' && r.option_id) {
      facet.options.push({ optionId: r.option_id, value: r.label ?? '', count: r.n ?? 0 });
      (facet.options.at(-1) as { position?: number }).position = r.option_position ?? 0;
    } else {
      facet.min = r.n;
      facet.max = r.x;
    }
    properties.set(r.property_id, facet);
  }
  const price = rows.find((r) => r.kind === 'price');
  return {
    properties: [...properties.values()]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map(({ position: _position, ...facet }) => ({
        ...facet,
        options: facet.options
          .map((o) => o as typeof o & { position?: number })
          .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.value.localeCompare(b.value))
          .map((o) => ({ optionId: o.optionId, value: o.value, count: o.count })),
      })),
    price: price && price.n !== null && price.x !== null ? { min: price.n, max: price.x } : null,
    brands: rows
      .filter((r) => r.kind === 'brand' && r.label)
      .map((r) => ({ brand: r.label as string, count: r.n ?? 0 }))
      .sort((a, b) => b.count - a.count || a.brand.localeCompare(b.brand)),
  };
}
