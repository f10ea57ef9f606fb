import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import {
  prices,
  productDocuments,
  productImages,
  productPropertyValues,
  productRelations,
  products,
  productVariants,
  stock,
} from '../catalog.tables.js';
import { documentUrl, imageUrls } from '../media/media-urls.js';
import { notFound } from './common.js';

/** Everything the product editor shows, in a fixed few queries; 404 when the product does not exist. */
export async function productCard(db: Db, id: string) {
  const [product] = await db.select().from(products).where(eq(products.id, id));
  if (!product) throw notFound('product');
  const variants = await db
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, id))
    .orderBy(asc(productVariants.position), asc(productVariants.id));
  const variantIds = variants.map((v) => v.id);
  const [priceRows, stockRows, values, relations, images, documents] = await Promise.all([
    variantIds.length
      ? db.select().from(prices).where(inArray(prices.variantId, variantIds)).orderBy(asc(prices.minQty))
      : [],
    variantIds.length ? db.select().from(stock).where(inArray(stock.variantId, variantIds)) : [],
    db.select().from(productPropertyValues).where(eq(productPropertyValues.productId, id)),
    db
      .select({
        relatedId: productRelations.relatedId,
        kind: productRelations.kind,
        sku: products.sku,
        name: products.name,
      })
      .from(productRelations)
      .innerJoin(products, eq(products.id, productRelations.relatedId))
      .where(eq(productRelations.productId, id))
      .orderBy(asc(productRelations.position)),
    db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, id))
      .orderBy(asc(productImages.position), asc(productImages.id)),
    db
      .select()
      .from(productDocuments)
      .where(eq(productDocuments.productId, id))
      .orderBy(asc(productDocuments.createdAt)),
  ]);
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    brand: product.brand,
    unit: product.unit,
    unitCode: product.unitCode,
    packSize: product.packSize,
    minOrderQty: product.minOrderQty,
    weight: product.weight,
    volume: product.volume,
    vatRate: product.vatRate,
    status: product.status,
    visibleGroupIds: product.visibleGroupIds,
    externalId: product.externalId,
    updatedAt: product.updatedAt.toISOString(),
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      attributes: v.attributes,
      barcodes: v.barcodes,
      isDefault: v.isDefault,
      position: v.position,
      status: v.status,
      prices: priceRows
        .filter((p) => p.variantId === v.id)
        .map((p) => ({ priceListId: p.priceListId, minQty: p.minQty, amount: p.amount })),
      stock: stockRows
        .filter((s) => s.variantId === v.id)
        .map((s) => ({ warehouseId: s.warehouseId, onHand: s.onHand, reserved: s.reserved })),
    })),
    properties: values.map((v) => ({
      propertyId: v.propertyId,
      optionId: v.optionId,
      number: v.numberValue,
      text: v.textValue,
    })),
    relations: relations.map((r) => ({ productId: r.relatedId, kind: r.kind, sku: r.sku, name: r.name })),
    images: images
      // Rows an import created before their files arrived have no keys yet.
      .filter((i) => i.storageKey !== '')
      .map((i) => ({
        id: i.id,
        alt: i.alt,
        width: i.width,
        height: i.height,
        position: i.position,
        urls: imageUrls(i),
      })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      fileName: d.fileName,
      contentType: d.contentType,
      size: d.size,
      url: documentUrl(d.id),
    })),
  };
}
