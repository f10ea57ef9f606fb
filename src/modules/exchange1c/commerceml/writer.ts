import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../../server/core/db.js';
import type { PackageSink } from './package.js';
import type {
  GroupRecord,
  OfferRecord,
  PriceTypeRecord,
  ProductRecord,
  PropertyRecord,
  WarehouseRecord,
} from './records.js';

/** Rows per multi-row statement: big enough to keep round trips few, small enough for quick statements. */
const batchSize = 500;
/** Where a total-only stock (`<Количество>` without warehouses) goes. */
export const totalStockWarehouse = { externalId: 'kabinet-1c-total', name: 'Основной склад' };

const hash8 = (value: string) => createHash('sha1').update(value).digest('hex').slice(0, 8);
const json = (rows: unknown) => sql`${JSON.stringify(rows)}::jsonb`;
const idList = (ids: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

const translit: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A URL slug from a Russian name plus a stable suffix from the 1C id (names repeat, ids do not). */
function slugOf(name: string, externalId: string): string {
  const latin = [...name.toLowerCase()].map((c) => translit[c] ?? c).join('');
  const base = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'group'}-${hash8(externalId)}`;
}

/** What the writer changed or met, for the exchange log. */
export interface WriteCounts {
  groups: number;
  properties: number;
  priceTypes: number;
  warehouses: number;
  products: number;
  offers: number;
  prices: number;
  stock: number;
  images: number;
  skipped: number;
  archived: number;
}

/**
 * Applies CommerceML records to the catalog in batches of multi-row upserts matched by 1C ids. A row is only
 * written when something in it differs (`is distinct from`), so a repeated import changes nothing, not even
 * `updated_at`. Records are buffered and written in document order on `drain` (classifier before catalog
 * before offers), and `finish` writes the rest.
 */
export class CatalogWriter implements PackageSink {
  readonly counts: WriteCounts = {
    groups: 0,
    properties: 0,
    priceTypes: 0,
    warehouses: 0,
    products: 0,
    offers: 0,
    prices: 0,
    stock: 0,
    images: 0,
    skipped: 0,
    archived: 0,
  };
  /**
   * Product 1C ids this file held, for archiving what a full package left out: one NUL-joined string per batch
   * (XML text cannot hold NUL), about a third of the memory of a Set of 100 000 strings; repeats are harmless.
   */
  private readonly seenProducts: string[] = [];
  private pendingGroups: GroupRecord[] = [];
  private pendingProperties: PropertyRecord[] = [];
  private pendingPriceTypes: PriceTypeRecord[] = [];
  private pendingWarehouses: WarehouseRecord[] = [];
  private pendingProducts: ProductRecord[] = [];
  private pendingOffers: OfferRecord[] = [];
  private categoryIds = new Map<string, { id: string; path: string[] }>();
  private propertyIds = new Map<string, { id: string; type: string }>();
  private optionIds = new Map<string, string>();
  private priceListIds = new Map<string, string>();
  private warehouseIds = new Map<string, string>();
  private priceTypeOrder: PriceTypeRecord[] = [];
  private inFlight: Promise<void> | null = null;
  private failure: Error | null = null;

  private constructor(private readonly db: Db) {}

  /** A writer with the catalog's current categories, properties, price lists and warehouses in memory (all small). */
  static async open(db: Db): Promise<CatalogWriter> {
    const writer = new CatalogWriter(db);
    await writer.loadLookups();
    return writer;
  }

  private async loadLookups(): Promise<void> {
    const categories = await queryRows<{ id: string; external_id: string; path: string[] | string }>(
      this.db,
      sql`select id, external_id, path from categories where external_id is not null`,
    );
    for (const c of categories) this.categoryIds.set(c.external_id, { id: c.id, path: pgArray(c.path) });
    await this.loadProperties();
    for (const p of await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from price_lists where external_id is not null`,
    ))
      this.priceListIds.set(p.external_id, p.id);
    for (const w of await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from warehouses where external_id is not null`,
    ))
      this.warehouseIds.set(w.external_id, w.id);
  }

  private async loadProperties(): Promise<void> {
    for (const p of await queryRows<{ id: string; external_id: string; type: string }>(
      this.db,
      sql`select id, external_id, type from properties where external_id is not null`,
    ))
      this.propertyIds.set(p.external_id, { id: p.id, type: p.type });
    for (const o of await queryRows<{ id: string; property_id: string; external_id: string }>(
      this.db,
      sql`select id, property_id, external_id from property_options where external_id is not null`,
    ))
      this.optionIds.set(`${o.property_id}|${o.external_id}`, o.id);
  }

  groups(records: GroupRecord[]): void {
    this.pendingGroups.push(...records);
  }
  property(record: PropertyRecord): void {
    this.pendingProperties.push(record);
  }
  priceType(record: PriceTypeRecord): void {
    this.pendingPriceTypes.push(record);
  }
  warehouse(record: WarehouseRecord): void {
    this.pendingWarehouses.push(record);
  }
  product(record: ProductRecord): void {
    this.pendingProducts.push(record);
  }
  offer(record: OfferRecord): void {
    this.pendingOffers.push(record);
  }

  /**
   * Called between input chunks. Writing overlaps parsing: one flush runs in the background while the parser
   * reads on, and the parser only waits for it once a whole new batch is buffered (so memory stays bounded).
   */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.inFlight) {
      const full = this.pendingProducts.length >= batchSize || this.pendingOffers.length >= batchSize;
      if (!full) return;
      await this.inFlight;
      if (this.failure) throw this.failure;
    }
    this.inFlight = this.flush(false).then(
      () => {
        this.inFlight = null;
      },
      (error: Error) => {
        this.failure = error;
        this.inFlight = null;
      },
    );
  }

  /** Writes everything still buffered. */
  async finish(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure;
    await this.flush(true);
  }

  private async flush(all: boolean): Promise<void> {
    const ready = (n: number) => n > 0 && (all || n >= batchSize);
    // Small reference data goes first whenever anything that may depend on it is written.
    const dependents = ready(this.pendingProducts.length) || ready(this.pendingOffers.length) || all;
    if (dependents || this.pendingGroups.length >= batchSize) await this.writeGroups();
    if (dependents || this.pendingProperties.length >= batchSize) await this.writeProperties();
    if (dependents || this.pendingPriceTypes.length >= batchSize) await this.writePriceTypes();
    if (dependents || this.pendingWarehouses.length >= batchSize) await this.writeWarehouses();
    while (ready(this.pendingProducts.length))
      await this.writeProducts(this.pendingProducts.splice(0, batchSize));
    while (ready(this.pendingOffers.length)) await this.writeOffers(this.pendingOffers.splice(0, batchSize));
  }

  private async writeGroups(): Promise<void> {
    const records = this.pendingGroups.splice(0);
    if (records.length === 0) return;
    const rows = records.map((g) => {
      const known = this.categoryIds.get(g.externalId);
      const id = known?.id ?? uuidv7();
      const parent = g.parentExternalId ? this.categoryIds.get(g.parentExternalId) : undefined;
      const path = [...(parent?.path ?? []), id];
      this.categoryIds.set(g.externalId, { id, path });
      return {
        id,
        parent_id: parent?.id ?? null,
        external_id: g.externalId,
        slug: slugOf(g.name, g.externalId),
        name: g.name,
        position: g.position,
        path: `{${path.join(',')}}`,
      };
    });
    for (let i = 0; i < rows.length; i += batchSize) {
      await this.db.execute(sql`
        insert into categories (id, parent_id, external_id, slug, name, position, path)
        select x.id, x.parent_id, x.external_id, x.slug, x.name, x.position, x.path::uuid[]
        from jsonb_to_recordset(${json(rows.slice(i, i + batchSize))}) as x(id uuid, parent_id uuid, external_id text, slug text, name text, position int, path text)
        on conflict (external_id) do update set parent_id = excluded.parent_id, name = excluded.name, path = excluded.path, status = 'active', updated_at = now()
        where (categories.parent_id, categories.name, categories.path, categories.status) is distinct from (excluded.parent_id, excluded.name, excluded.path, 'active')`);
    }
    this.counts.groups += records.length;
  }

  private async writeProperties(): Promise<void> {
    const records = this.pendingProperties.splice(0);
    if (records.length === 0) return;
    const rows = records.map((p) => ({
      id: this.propertyIds.get(p.externalId)?.id ?? uuidv7(),
      external_id: p.externalId,
      name: p.name,
      type: p.type,
    }));
    await this.db.execute(sql`
      insert into properties (id, external_id, name, type)
      select x.id, x.external_id, x.name, x.type from jsonb_to_recordset(${json(rows)}) as x(id uuid, external_id text, name text, type text)
      on conflict (external_id) do update set name = excluded.name, type = excluded.type
      where (properties.name, properties.type) is distinct from (excluded.name, excluded.type)`);
    for (const r of rows) this.propertyIds.set(r.external_id, { id: r.id, type: r.type });
    const options = records.flatMap((p) => {
      const propertyId = this.propertyIds.get(p.externalId)?.id;
      return p.options.map((o, position) => ({
        id: this.optionIds.get(`${propertyId}|${o.externalId}`) ?? uuidv7(),
        property_id: propertyId,
        external_id: o.externalId,
        value: o.value,
        position,
      }));
    });
    for (let i = 0; i < options.length; i += batchSize) {
      const part = options.slice(i, i + batchSize);
      await this.db.execute(sql`
        insert into property_options (id, property_id, external_id, value, position)
        select x.id, x.property_id, x.external_id, x.value, x.position
        from jsonb_to_recordset(${json(part)}) as x(id uuid, property_id uuid, external_id text, value text, position int)
        on conflict (property_id, external_id) do update set value = excluded.value, position = excluded.position
        where (property_options.value, property_options.position) is distinct from (excluded.value, excluded.position)`);
      for (const o of part) this.optionIds.set(`${o.property_id}|${o.external_id}`, o.id);
    }
    // Ids of rows that already existed are the stored ones, not the ones generated above.
    await this.loadProperties();
    this.counts.properties += records.length;
  }

  private async writePriceTypes(): Promise<void> {
    const records = this.pendingPriceTypes.splice(0);
    if (records.length === 0) return;
    const rows = records.map((p) => ({
      id: uuidv7(),
      external_id: p.externalId,
      code: `1c-${hash8(p.externalId)}`,
      name: p.name,
      currency: p.currency,
      vat_included: p.vatIncluded,
    }));
    const stored = await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`insert into price_lists (id, external_id, code, name, currency, vat_included)
        select x.id, x.external_id, x.code, x.name, x.currency, x.vat_included
        from jsonb_to_recordset(${json(rows)}) as x(id uuid, external_id text, code text, name text, currency text, vat_included boolean)
        on conflict (external_id) do update set name = excluded.name, currency = excluded.currency, vat_included = excluded.vat_included
        where (price_lists.name, price_lists.currency, price_lists.vat_included) is distinct from (excluded.name, excluded.currency, excluded.vat_included)
        returning id, external_id`,
    );
    for (const r of stored) this.priceListIds.set(r.external_id, r.id);
    await this.reloadPriceLists();
    this.priceTypeOrder.push(...records);
    // The first price list 1C sends (or the one named «Розничная») prices guests when no default exists yet.
    const preferred = this.priceTypeOrder.find((p) => /^розничн/i.test(p.name)) ?? this.priceTypeOrder[0];
    const id = preferred && this.priceListIds.get(preferred.externalId);
    if (id) {
      await this.db.execute(sql`update price_lists set is_default = true
        where id = ${id} and not exists (select 1 from price_lists where is_default)`);
    }
    this.counts.priceTypes += records.length;
  }

  private async reloadPriceLists(): Promise<void> {
    for (const p of await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from price_lists where external_id is not null`,
    ))
      this.priceListIds.set(p.external_id, p.id);
  }

  private async writeWarehouses(extra: WarehouseRecord[] = []): Promise<void> {
    const records = [...this.pendingWarehouses.splice(0), ...extra];
    if (records.length === 0) return;
    const rows = records.map((w) => ({
      id: uuidv7(),
      external_id: w.externalId,
      name: w.name,
      address: w.address,
    }));
    await this.db.execute(sql`
      insert into warehouses (id, external_id, name, address)
      select x.id, x.external_id, x.name, x.address from jsonb_to_recordset(${json(rows)}) as x(id uuid, external_id text, name text, address text)
      on conflict (external_id) do update set name = excluded.name, address = coalesce(excluded.address, warehouses.address)
      where (warehouses.name, warehouses.address) is distinct from (excluded.name, coalesce(excluded.address, warehouses.address))`);
    for (const w of await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from warehouses where external_id is not null`,
    ))
      this.warehouseIds.set(w.external_id, w.id);
    this.counts.warehouses += extra.length === 0 ? records.length : records.length - extra.length;
  }

  /**
   * SKUs must be unique: a product keeps its `Артикул` unless another product (in this file or already in the
   * catalog) has it, in which case it falls back to its 1C id. Returns externalId → sku.
   */
  private async resolveSkus(
    table: 'products' | 'product_variants',
    wanted: { externalId: string; sku: string }[],
  ): Promise<Map<string, string>> {
    const candidates = [...new Set(wanted.map((w) => w.sku))];
    const owners = new Map<string, string>();
    const rows = await queryRows<{ sku: string; external_id: string | null }>(
      this.db,
      table === 'products'
        ? sql`select sku, external_id from products where sku in ${idList(candidates)}`
        : sql`select sku, external_id from product_variants where sku in ${idList(candidates)}`,
    );
    for (const r of rows) owners.set(r.sku, r.external_id ?? '');
    // SKUs taken earlier in this batch; earlier batches are already written, so the query above sees them
    // (remembering them all would keep every SKU of a big file in memory).
    const taken = new Map<string, string>();
    const out = new Map<string, string>();
    for (const w of wanted) {
      const owner = owners.get(w.sku) ?? taken.get(w.sku);
      const sku = owner === undefined || owner === w.externalId ? w.sku : w.externalId;
      taken.set(sku, w.externalId);
      out.set(w.externalId, sku);
    }
    return out;
  }

  private async writeProducts(records: ProductRecord[]): Promise<void> {
    // One row per product: a 2.03 product with characteristics comes as several `Товар` sharing the part before '#'.
    const byProduct = new Map<string, ProductRecord>();
    for (const r of records)
      if (!byProduct.has(r.productExternalId) || !r.externalId.includes('#'))
        byProduct.set(r.productExternalId, r);
    const products = [...byProduct.values()];
    const skus = await this.resolveSkus(
      'products',
      products.map((p) => ({ externalId: p.productExternalId, sku: p.sku || p.productExternalId })),
    );
    const rows = products.map((p) => ({
      id: uuidv7(),
      external_id: p.productExternalId,
      sku: skus.get(p.productExternalId),
      name: p.name,
      description: p.description,
      category_id: (p.groupExternalId && this.categoryIds.get(p.groupExternalId)?.id) || null,
      unit: p.unit ?? 'шт',
      unit_code: p.unitCode,
      weight: p.weight,
      status: p.deleted ? 'archived' : 'active',
    }));
    await this.db.execute(sql`
      insert into products (id, external_id, sku, name, description, category_id, unit, unit_code, weight, status)
      select x.id, x.external_id, x.sku, x.name, x.description, x.category_id, x.unit, x.unit_code, x.weight, x.status
      from jsonb_to_recordset(${json(rows)}) as x(id uuid, external_id text, sku text, name text, description text, category_id uuid, unit text, unit_code text, weight numeric, status text)
      on conflict (external_id) do update set sku = excluded.sku, name = excluded.name, description = excluded.description,
        category_id = excluded.category_id, unit = excluded.unit, unit_code = excluded.unit_code, weight = excluded.weight,
        status = excluded.status, updated_at = now()
      where (products.sku, products.name, products.description, products.category_id, products.unit, products.unit_code, products.weight, products.status)
        is distinct from (excluded.sku, excluded.name, excluded.description, excluded.category_id, excluded.unit, excluded.unit_code, excluded.weight, excluded.status)`);
    const ids = await this.productIds(products.map((p) => p.productExternalId));
    this.seenProducts.push(products.map((p) => p.productExternalId).join('\0'));
    // Every product without characteristics sells through its default variant, which carries its 1C id.
    const plain = products.filter((p) => !p.externalId.includes('#'));
    await this.upsertVariants(
      plain.flatMap((p) => {
        const productId = ids.get(p.productExternalId);
        return productId
          ? [
              {
                productId,
                externalId: p.productExternalId,
                sku: skus.get(p.productExternalId) ?? p.productExternalId,
                name: '',
                attributes: {},
                barcodes: p.barcode ? [p.barcode] : [],
                isDefault: true,
              },
            ]
          : [];
      }),
    );
    // 2.03 style: `Товар` with `Ид` product#characteristic is a variant.
    const variantRecords = records.filter((r) => r.externalId.includes('#'));
    if (variantRecords.length > 0) {
      await this.upsertCharacteristicVariants(
        variantRecords.map((r) => ({
          externalId: r.externalId,
          productExternalId: r.productExternalId,
          sku: r.sku,
          name: r.name,
          characteristics: r.characteristics,
          barcode: r.barcode,
        })),
        ids,
      );
    }
    await this.writePropertyValues(products, ids);
    await this.writeImages(products, ids);
    this.counts.products += products.length;
  }

  private async productIds(externalIds: string[]): Promise<Map<string, string>> {
    const rows = await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from products where external_id in ${idList(externalIds)}`,
    );
    return new Map(rows.map((r) => [r.external_id, r.id]));
  }

  private async upsertVariants(
    variants: {
      productId: string;
      externalId: string;
      sku: string;
      name: string;
      attributes: Record<string, string>;
      barcodes: string[];
      isDefault: boolean;
    }[],
  ): Promise<void> {
    if (variants.length === 0) return;
    const rows = variants.map((v) => ({
      id: uuidv7(),
      product_id: v.productId,
      external_id: v.externalId,
      sku: v.sku,
      name: v.name,
      attributes: v.attributes,
      barcodes: `{${v.barcodes.map((b) => `"${b.replace(/["\\]/g, '')}"`).join(',')}}`,
      is_default: v.isDefault,
    }));
    await this.db.execute(sql`
      insert into product_variants (id, product_id, external_id, sku, name, attributes, barcodes, is_default)
      select x.id, x.product_id, x.external_id, x.sku, x.name, x.attributes, x.barcodes::text[], x.is_default
      from jsonb_to_recordset(${json(rows)}) as x(id uuid, product_id uuid, external_id text, sku text, name text, attributes jsonb, barcodes text, is_default boolean)
      on conflict (external_id) do update set product_id = excluded.product_id, sku = excluded.sku, name = excluded.name,
        attributes = excluded.attributes, barcodes = excluded.barcodes, updated_at = now(),
        status = case when excluded.is_default then product_variants.status else 'active' end
      where (product_variants.product_id, product_variants.sku, product_variants.name, product_variants.attributes, product_variants.barcodes, product_variants.status)
        is distinct from (excluded.product_id, excluded.sku, excluded.name, excluded.attributes, excluded.barcodes,
          case when excluded.is_default then product_variants.status else 'active' end)`);
  }

  /** Variants for characteristics (`product#characteristic`); the product's default variant is archived then. */
  private async upsertCharacteristicVariants(
    offers: {
      externalId: string;
      productExternalId: string;
      sku: string;
      name: string;
      characteristics: Record<string, string>;
      barcode: string | null;
    }[],
    productIds: Map<string, string>,
  ): Promise<void> {
    // Offers of a prices___ or rests___ file carry no name or characteristics: they only point at the variant.
    const known = offers.filter(
      (o) =>
        productIds.has(o.productExternalId) && (o.name || o.sku || Object.keys(o.characteristics).length > 0),
    );
    if (known.length === 0) return;
    const stored = await queryRows<{ external_id: string; sku: string }>(
      this.db,
      sql`select external_id, sku from product_variants where external_id in ${idList(known.map((o) => o.externalId))}`,
    );
    const storedSku = new Map(stored.map((r) => [r.external_id, r.sku]));
    // Without an `Артикул` a variant keeps the SKU it has; a new one takes its 1C id.
    const skus = await this.resolveSkus(
      'product_variants',
      known.map((o) => ({
        externalId: o.externalId,
        sku: o.sku || storedSku.get(o.externalId) || o.externalId,
      })),
    );
    await this.upsertVariants(
      known.map((o) => ({
        productId: productIds.get(o.productExternalId) as string,
        externalId: o.externalId,
        sku: skus.get(o.externalId) ?? o.externalId,
        name: o.name,
        attributes: o.characteristics,
        barcodes: o.barcode ? [o.barcode] : [],
        isDefault: false,
      })),
    );
    const withCharacteristics = [...new Set(known.map((o) => productIds.get(o.productExternalId) as string))];
    await this.db.execute(sql`update product_variants set status = 'archived', updated_at = now()
      where is_default and status <> 'archived' and product_id::text in ${idList(withCharacteristics)}`);
  }

  /** Property values: compared with what is stored, so only real differences are deleted or inserted. */
  private async writePropertyValues(products: ProductRecord[], ids: Map<string, string>): Promise<void> {
    type Value = {
      product_id: string;
      property_id: string;
      option_id: string | null;
      number_value: number | null;
      text_value: string | null;
    };
    const wanted = new Map<string, Value>();
    for (const p of products) {
      const productId = ids.get(p.productExternalId);
      if (!productId) continue;
      for (const v of p.values) {
        const property = this.propertyIds.get(v.propertyExternalId);
        if (!property) continue;
        const value: Value = {
          product_id: productId,
          property_id: property.id,
          option_id: null,
          number_value: null,
          text_value: null,
        };
        const option = this.optionIds.get(`${property.id}|${v.value}`);
        if (option) value.option_id = option;
        else if (property.type === 'number' && Number.isFinite(Number(v.value.replace(',', '.'))))
          value.number_value = Number(v.value.replace(',', '.'));
        else value.text_value = v.value;
        wanted.set(valueKey(value), value);
      }
    }
    const stored = await queryRows<Value & { id: string }>(
      this.db,
      sql`select id, product_id, property_id, option_id, number_value::float8 as number_value, text_value from product_property_values
        where product_id::text in ${idList([...ids.values()])}`,
    );
    const stale = stored.filter((s) => !wanted.delete(valueKey(s))).map((s) => s.id);
    if (stale.length > 0)
      await this.db.execute(sql`delete from product_property_values where id::text in ${idList(stale)}`);
    const fresh = [...wanted.values()].map((v) => ({ id: uuidv7(), ...v }));
    for (let i = 0; i < fresh.length; i += 1000) {
      await this.db.execute(sql`
        insert into product_property_values (id, product_id, property_id, option_id, number_value, text_value)
        select x.id, x.product_id, x.property_id, x.option_id, x.number_value, x.text_value
        from jsonb_to_recordset(${json(fresh.slice(i, i + 1000))}) as x(id uuid, product_id uuid, property_id uuid, option_id uuid, number_value numeric, text_value text)`);
    }
  }

  /**
   * Images are linked by their exchange path (`import_files/…`); a row is added once per product and path.
   * Storing the file and its thumbnail is left pending (empty storage keys) for the media step to fill.
   */
  private async writeImages(products: ProductRecord[], ids: Map<string, string>): Promise<void> {
    const rows = products.flatMap((p) => {
      const productId = ids.get(p.productExternalId);
      return productId
        ? p.images.map((path, position) => ({
            id: uuidv7(),
            product_id: productId,
            source_path: path.replace(/\\/g, '/'),
            position,
          }))
        : [];
    });
    if (rows.length === 0) return;
    await this.db.execute(sql`
      insert into product_images (id, product_id, storage_key, thumb_key, source_path, position)
      select x.id, x.product_id, '', '', x.source_path, x.position
      from jsonb_to_recordset(${json(rows)}) as x(id uuid, product_id uuid, source_path text, position int)
      on conflict (product_id, source_path) do nothing`);
    this.counts.images += rows.length;
  }

  private async writeOffers(offers: OfferRecord[]): Promise<void> {
    const productIds = await this.productIds([...new Set(offers.map((o) => o.productExternalId))]);
    // Offers of products the catalog does not have (not sent, or sent in another exchange) are skipped.
    const known = offers.filter((o) => productIds.has(o.productExternalId));
    this.counts.skipped += offers.length - known.length;
    await this.upsertCharacteristicVariants(
      known.filter((o) => o.characteristicId),
      productIds,
    );
    const plainWithBarcode = known.filter((o) => !o.characteristicId && o.barcode);
    if (plainWithBarcode.length > 0) {
      await this.db.execute(sql`update product_variants v set barcodes = array[x.barcode]
        from jsonb_to_recordset(${json(plainWithBarcode.map((o) => ({ external_id: o.externalId, barcode: o.barcode })))}) as x(external_id text, barcode text)
        where v.external_id = x.external_id and v.barcodes is distinct from array[x.barcode]`);
    }
    const variants = await queryRows<{ id: string; external_id: string }>(
      this.db,
      sql`select id, external_id from product_variants where external_id in ${idList(known.map((o) => o.externalId))}`,
    );
    const variantIds = new Map(variants.map((v) => [v.external_id, v.id]));
    await this.writePrices(known, variantIds);
    await this.writeStock(known, variantIds);
    this.counts.offers += offers.length;
  }

  private async writePrices(offers: OfferRecord[], variantIds: Map<string, string>): Promise<void> {
    const rows = offers.flatMap((o) => {
      const variantId = variantIds.get(o.externalId);
      return variantId
        ? o.prices.flatMap((p) => {
            const priceListId = this.priceListIds.get(p.priceTypeExternalId);
            return priceListId
              ? [{ price_list_id: priceListId, variant_id: variantId, amount: p.kopecks }]
              : [];
          })
        : [];
    });
    if (rows.length === 0) return;
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db.execute(sql`
        insert into prices (price_list_id, variant_id, min_qty, amount)
        select x.price_list_id, x.variant_id, 1, x.amount from jsonb_to_recordset(${json(rows.slice(i, i + 1000))}) as x(price_list_id uuid, variant_id uuid, amount bigint)
        on conflict (price_list_id, variant_id, min_qty) do update set amount = excluded.amount, updated_at = now()
        where prices.amount <> excluded.amount`);
    }
    this.counts.prices += rows.length;
  }

  /** Stock per warehouse; a total-only quantity goes to one default warehouse (created when first needed). */
  private async writeStock(offers: OfferRecord[], variantIds: Map<string, string>): Promise<void> {
    const wanted: { variantId: string; warehouse: string; qty: number }[] = [];
    for (const o of offers) {
      const variantId = variantIds.get(o.externalId);
      if (!variantId) continue;
      if (o.stock) for (const [warehouse, qty] of o.stock) wanted.push({ variantId, warehouse, qty });
      else if (o.total !== null)
        wanted.push({ variantId, warehouse: totalStockWarehouse.externalId, qty: o.total });
    }
    if (wanted.length === 0) return;
    const missing = [...new Set(wanted.map((w) => w.warehouse))].filter((w) => !this.warehouseIds.has(w));
    if (missing.length > 0) {
      await this.writeWarehouses(
        missing.map((externalId) =>
          externalId === totalStockWarehouse.externalId
            ? { ...totalStockWarehouse, address: null }
            : { externalId, name: externalId, address: null },
        ),
      );
    }
    const rows = wanted.map((w) => ({
      variant_id: w.variantId,
      warehouse_id: this.warehouseIds.get(w.warehouse),
      on_hand: w.qty,
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db.execute(sql`
        insert into stock (variant_id, warehouse_id, on_hand)
        select x.variant_id, x.warehouse_id, x.on_hand from jsonb_to_recordset(${json(rows.slice(i, i + 1000))}) as x(variant_id uuid, warehouse_id uuid, on_hand numeric)
        on conflict (variant_id, warehouse_id) do update set on_hand = excluded.on_hand, updated_at = now()
        where stock.on_hand <> excluded.on_hand`);
    }
    this.counts.stock += rows.length;
  }

  /** Archives products with a 1C id that a full catalog package left out (see docs/1c-exchange.md). */
  async archiveMissingProducts(): Promise<void> {
    const rows = await queryRows<{ n: number }>(
      this.db,
      sql`with archived as (update products set status = 'archived', updated_at = now()
        where external_id is not null and status = 'active'
          and not (external_id in ${idList(this.seenProducts.join('\0').split('\0'))}) returning 1)
        select count(*)::int as n from archived`,
    );
    this.counts.archived += rows[0]?.n ?? 0;
  }
}

function valueKey(v: {
  product_id: string;
  property_id: string;
  option_id: string | null;
  number_value: number | string | null;
  text_value: string | null;
}): string {
  return [
    v.product_id,
    v.property_id,
    v.option_id ?? '',
    v.number_value === null ? '' : Number(v.number_value),
    v.text_value ?? '',
  ].join('|');
}

/** A uuid[] column as a JS array (PGlite gives arrays, some drivers the `{a,b}` text). */
function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
