import { type SQL, sql } from 'drizzle-orm';

/**
 * Catalog search (docs/catalog.md, "Search"), as a CTE `hits(id, score)` of product ids with an integer score:
 * - exact SKU of the product or a variant, or a variant's barcode (case-insensitive): 3 000 000 — always first;
 * - Russian full-text match on `search_vector` ("кабел" finds "Кабель"): 2 000 000 + ts_rank × 10⁶;
 * - typo tolerance by trigram word similarity on the name ("фильтер" finds "Фильтр"): 1 000 000 + similarity × 10⁶.
 * A product found several ways keeps its best score. Each branch is served by its own index (lower(sku),
 * barcodes GIN, search_vector GIN, name gin_trgm_ops). The score is an integer so a keyset cursor holds it exactly.
 */
export function searchHitsCte(q: string): SQL {
  const tsq = sql`websearch_to_tsquery('russian', ${q})`;
  return sql`hits as (
    select hit.id, max(hit.score)::float8 as score from (
      select sp.id, 3000000 as score from products sp where lower(sp.sku) = lower(${q})
      union all
      select sv.product_id, 3000000 from product_variants sv
        where lower(sv.sku) = lower(${q}) or sv.barcodes @> array[${q}]::text[]
      union all
      select sp.id, 2000000 + least(999999, round(ts_rank(sp.search_vector, ${tsq}) * 1000000))
        from products sp where sp.search_vector @@ ${tsq}
      union all
      select sp.id, 1000000 + least(999999, round(word_similarity(${q}, sp.name) * 1000000))
        from products sp where sp.name %> ${q}
    ) hit group by hit.id
  )`;
}
