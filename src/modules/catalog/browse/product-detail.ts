import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { documentUrl } from '../media/media-urls.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import type { ProductDetail } from './browse.schema.js';
import {
  assembleCards,
  cardPriceLines,
  groupBy,
  loadCardRows,
  presentImage,
  priceVariants,
  stockRows,
} from './cards.js';
import { presentStock } from './stock-levels.js';
import { productVisible } from './visibility.js';

interface DetailRow {
  description: string;
  unit_code: string | null;
  weight: number | null;
  volume: number | null;
  min_order_qty: number;
  category_path: Array<{ id: string; name: string; slug: string }> | null;
  images: Array<{
    id: string;
    storageKey: string;
    thumbKey: string;
    alt: string;
    width: number | null;
    height: number | null;
  }> | null;
  specifications: Array<{
    propertyId: string;
    name: string;
    type: 'text' | 'number' | 'list';
    unit: string | null;
    optionId: string | null;
    optionValue: string | null;
    numberValue: number | null;
    textValue: string | null;
  }> | null;
  documents: Array<{
    id: string;
    kind: 'certificate' | 'manual' | 'drawing' | 'other';
    title: string;
    fileName: string;
    contentType: string;
    size: number;
  }> | null;
  variants: Array<{
    id: string;
    sku: string;
    name: string;
    attributes: Record<string, string>;
    barcodes: string[];
    isDefault: boolean;
  }> | null;
  relations: Array<{ id: string; kind: 'related' | 'analogue' }> | null;
}

/**
 * One product with its page: gallery, specifications, documents, variants with their price and stock, the
 * category path, related and analogue products. A product the context may not see is NOT_FOUND, exactly like
 * an unknown id. One statement for the product, one for its card and those of its relations, then one pricing
 * call and one stock query for all of them.
 */
export async function getProduct(db: Db, ctx: PricingContext, productId: string): Promise<ProductDetail> {
  const [row] = await queryRows<DetailRow>(
    db,
    sql`select p.description, p.unit_code, p.weight::float8 as weight, p.volume::float8 as volume,
      p.min_order_qty::float8 as min_order_qty,
      (select json_agg(json_build_object('id', a.id, 'name', a.name, 'slug', a.slug) order by array_length(a.path, 1))
        from categories c join categories a on a.id = any(c.path) where c.id = p.category_id) as category_path,
      (select json_agg(json_build_object('id', i.id, 'storageKey', i.storage_key, 'thumbKey', i.thumb_key,
          'alt', i.alt, 'width', i.width, 'height', i.height) order by i.position, i.id)
        from product_images i where i.product_id = p.id) as images,
      (select json_agg(json_build_object('propertyId', pp.id, 'name', pp.name, 'type', pp.type, 'unit', pp.unit,
          'optionId', v.option_id, 'optionValue', o.value, 'numberValue', v.number_value::float8,
          'textValue', v.text_value) order by pp.position, pp.name, o.position)
        from product_property_values v join properties pp on pp.id = v.property_id
        left join property_options o on o.id = v.option_id where v.product_id = p.id) as specifications,
      (select json_agg(json_build_object('id', d.id, 'kind', d.kind, 'title', d.title, 'fileName', d.file_name,
          'contentType', d.content_type, 'size', d.size) order by d.kind, d.title)
        from product_documents d where d.product_id = p.id) as documents,
      (select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'name', v.name, 'attributes', v.attributes,
          'barcodes', v.barcodes, 'isDefault', v.is_default) order by v.is_default desc, v.position, v.sku)
        from product_variants v where v.product_id = p.id and v.status = 'active') as variants,
      (select json_agg(json_build_object('id', r.related_id, 'kind', r.kind) order by r.position, r.related_id)
        from product_relations r where r.product_id = p.id) as relations
    from products p
    where p.id = ${productId}::uuid and ${productVisible(ctx.customerGroupId)}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such product');
  const relations = row.relations ?? [];
  const variants = row.variants ?? [];
  // The product and its related products as cards, then every price (cards' default variants and this
  // product's variants) in one pricing call and all their stock in one query.
  const ids = [productId, ...new Set(relations.map((r) => r.id))];
  const cardRows = await loadCardRows(db, ctx, ids);
  const [priceByVariant, stock] = await Promise.all([
    priceVariants(db, ctx, [
      ...cardPriceLines(cardRows),
      ...variants.map((v) => ({ productId, variantId: v.id, quantity: row.min_order_qty })),
    ]),
    stockRows(
      db,
      cardRows.map((r) => r.id),
    ),
  ]);
  const cards = assembleCards(ids, cardRows, priceByVariant, stock, ctx.scope);
  const [card, ...others] = cards;
  if (!card || card.id !== productId) throw new AppError('NOT_FOUND', 'No such product');
  const cardById = new Map(others.map((c) => [c.id, c]));
  const cardsOf = (kind: 'related' | 'analogue') =>
    relations.flatMap((r) =>
      r.kind === kind && cardById.has(r.id) ? [cardById.get(r.id) as typeof card] : [],
    );
  const stockByVariant = groupBy(
    stock.filter((s) => s.productId === productId),
    (s) => s.variantId,
  );
  return {
    ...card,
    description: row.description,
    unitCode: row.unit_code,
    weight: row.weight,
    volume: row.volume,
    categoryPath: (row.category_path ?? []).map((c) => ({ id: c.id, name: c.name, slug: c.slug })),
    images: (row.images ?? []).map(presentImage),
    specifications: (row.specifications ?? []).map((s) => ({
      propertyId: s.propertyId,
      name: s.name,
      type: s.type,
      unit: s.unit,
      value: s.optionValue ?? (s.numberValue !== null ? String(s.numberValue) : (s.textValue ?? '')),
      numberValue: s.numberValue,
      optionId: s.optionId,
    })),
    documents: (row.documents ?? []).map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      fileName: d.fileName,
      contentType: d.contentType,
      size: d.size,
      url: documentUrl(d.id, ctx.scope === 'org' ? ctx.companyId : null),
    })),
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      attributes: v.attributes ?? {},
      barcodes: v.barcodes ?? [],
      isDefault: v.isDefault,
      price: priceByVariant.get(v.id) ?? null,
      stock: presentStock(stockByVariant.get(v.id) ?? [], ctx.scope),
    })),
    related: cardsOf('related'),
    analogues: cardsOf('analogue'),
  };
}
