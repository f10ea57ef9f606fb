import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError, type FieldProblem } from '../../server/core/errors.js';
import type { ReadCache } from '../../server/core/read-cache.js';
import { businessDay } from '../../shared/business-day.js';
import { listWarehouseSummaries, variantShippingFacts } from '../catalog/catalog.service.js';
import { type CalcMethod, computeQuote, type ParcelLine, parcelOf } from './delivery.calculator.js';
import type {
  methodBody,
  methodPatch,
  QuoteBody,
  tariffBody,
  tariffPatch,
  zoneBody,
  zonePatch,
} from './delivery.schema.js';
import { type DeliveryAudience, deliveryMethods, deliveryTariffs, deliveryZones } from './delivery.tables.js';
import { matchZone, normalizePlace } from './delivery.zones.js';

const invalid = (errors: FieldProblem[]) =>
  new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
const notFound = (what: string) => new AppError('NOT_FOUND', `No such ${what}`);
const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

// Zones -------------------------------------------------------------------------------------------------

/** Every zone, in the back office's order. */
export function listZones(db: Db) {
  return db.select().from(deliveryZones).orderBy(asc(deliveryZones.position), asc(deliveryZones.name));
}

async function oneZone(db: Db, id: string) {
  const [row] = await db.select().from(deliveryZones).where(eq(deliveryZones.id, id));
  if (!row) throw notFound('zone');
  return row;
}

/** Names compared as the matcher compares them; prefixes without duplicates. */
function cleanZone<T extends Partial<z.infer<typeof zoneBody>>>(zone: T): T {
  return {
    ...zone,
    ...(zone.postalPrefixes ? { postalPrefixes: [...new Set(zone.postalPrefixes)] } : {}),
    ...(zone.regions ? { regions: [...new Set(zone.regions.map(normalizePlace))] } : {}),
    ...(zone.cities ? { cities: [...new Set(zone.cities.map(normalizePlace))] } : {}),
  };
}

/** Creates a zone; marking it default takes the mark from the previous default zone. */
export async function createZone(db: Db, body: z.infer<typeof zoneBody>) {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    if (body.isDefault)
      await tx.update(deliveryZones).set({ isDefault: false }).where(eq(deliveryZones.isDefault, true));
    await tx.insert(deliveryZones).values({ id, ...cleanZone(body) });
  });
  return oneZone(db, id);
}

/** Changes a zone (same rule for the default mark). */
export async function updateZone(db: Db, id: string, body: z.infer<typeof zonePatch>) {
  await oneZone(db, id);
  await db.transaction(async (tx) => {
    if (body.isDefault)
      await tx.update(deliveryZones).set({ isDefault: false }).where(eq(deliveryZones.isDefault, true));
    if (Object.keys(body).length > 0)
      await tx.update(deliveryZones).set(cleanZone(body)).where(eq(deliveryZones.id, id));
  });
  return oneZone(db, id);
}

/** Deletes a zone with its tariffs. */
export async function deleteZone(db: Db, id: string) {
  await oneZone(db, id);
  await db.delete(deliveryZones).where(eq(deliveryZones.id, id));
}

// Methods -----------------------------------------------------------------------------------------------

/** Every method, in the order shoppers see them. */
export function listMethods(db: Db) {
  return db.select().from(deliveryMethods).orderBy(asc(deliveryMethods.position), asc(deliveryMethods.name));
}

async function oneMethod(db: Db, id: string) {
  const [row] = await db.select().from(deliveryMethods).where(eq(deliveryMethods.id, id));
  if (!row) throw notFound('delivery method');
  return row;
}

/** Refuses a warehouse id the catalog does not know. */
async function checkWarehouse(db: Db, id: string | null | undefined) {
  if (!id) return;
  if (!(await listWarehouseSummaries(db)).some((w) => w.id === id))
    throw invalid([{ path: 'body.warehouseId', message: 'No such warehouse' }]);
}

/** Creates a method (a pickup's warehouse is checked against the catalog). */
export async function createMethod(db: Db, body: z.infer<typeof methodBody>) {
  await checkWarehouse(db, body.warehouseId);
  const id = uuidv7();
  await db.insert(deliveryMethods).values({ id, ...body, audiences: [...new Set(body.audiences)] });
  return oneMethod(db, id);
}

/** Changes a method; the result must still name a pickup's warehouse and a transport company's carrier. */
export async function updateMethod(db: Db, id: string, body: z.infer<typeof methodPatch>) {
  const merged = { ...(await oneMethod(db, id)), ...body };
  if (merged.kind === 'pickup' && !merged.warehouseId)
    throw invalid([{ path: 'body.warehouseId', message: 'A pickup method needs a warehouse' }]);
  if (merged.kind === 'transport_company' && !merged.carrier)
    throw invalid([{ path: 'body.carrier', message: 'A transport company needs a carrier name' }]);
  await checkWarehouse(db, body.warehouseId);
  const audiences = body.audiences ? { audiences: [...new Set(body.audiences)] } : {};
  if (Object.keys(body).length > 0)
    await db
      .update(deliveryMethods)
      .set({ ...body, ...audiences })
      .where(eq(deliveryMethods.id, id));
  return oneMethod(db, id);
}

/** Deletes a method with its tariffs. */
export async function deleteMethod(db: Db, id: string) {
  await oneMethod(db, id);
  await db.delete(deliveryMethods).where(eq(deliveryMethods.id, id));
}

// Tariffs -----------------------------------------------------------------------------------------------

/** Every tariff, or a method's. */
export function listTariffs(db: Db, methodId?: string) {
  const q = db.select().from(deliveryTariffs);
  return (methodId ? q.where(eq(deliveryTariffs.methodId, methodId)) : q).orderBy(asc(deliveryTariffs.id));
}

async function oneTariff(db: Db, id: string) {
  const [row] = await db.select().from(deliveryTariffs).where(eq(deliveryTariffs.id, id));
  if (!row) throw notFound('tariff');
  return row;
}

/** Creates a method's tariff in a zone; one per method and zone (409 for a second). */
export async function createTariff(db: Db, body: z.infer<typeof tariffBody>) {
  const problems: FieldProblem[] = [];
  if (!(await db.select().from(deliveryMethods).where(eq(deliveryMethods.id, body.methodId)))[0])
    problems.push({ path: 'body.methodId', message: 'No such delivery method' });
  if (!(await db.select().from(deliveryZones).where(eq(deliveryZones.id, body.zoneId)))[0])
    problems.push({ path: 'body.zoneId', message: 'No such zone' });
  if (problems.length > 0) throw invalid(problems);
  const id = uuidv7();
  try {
    await db.insert(deliveryTariffs).values({ id, ...body });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'This method already has a tariff in this zone');
    throw error;
  }
  return oneTariff(db, id);
}

/** Changes a tariff; delivery days stay in order. */
export async function updateTariff(db: Db, id: string, body: z.infer<typeof tariffPatch>) {
  const merged = { ...(await oneTariff(db, id)), ...body };
  if (merged.daysMax < merged.daysMin)
    throw invalid([{ path: 'body.daysMax', message: 'Must not be below daysMin' }]);
  if (Object.keys(body).length > 0)
    await db.update(deliveryTariffs).set(body).where(eq(deliveryTariffs.id, id));
  return oneTariff(db, id);
}

/** Deletes a tariff. */
export async function deleteTariff(db: Db, id: string) {
  await oneTariff(db, id);
  await db.delete(deliveryTariffs).where(eq(deliveryTariffs.id, id));
}

// Quote -------------------------------------------------------------------------------------------------

/** Parcel lines from the request: given weights, or the catalog's per-unit weight and volume of a variant. */
async function linesOf(db: Db, items: QuoteBody['items']): Promise<ParcelLine[]> {
  const ids = items.flatMap((i) => ('variantId' in i ? [i.variantId] : []));
  const facts = await variantShippingFacts(db, ids);
  const problems: FieldProblem[] = [];
  const lines = items.map((item, i) => {
    if (!('variantId' in item)) return item;
    const fact = facts.get(item.variantId);
    if (!fact) problems.push({ path: `body.items.${i}.variantId`, message: 'No such variant' });
    // A product without a weight or volume weighs nothing here: the catalog is the place to fill it in.
    return { weightKg: fact?.weightKg ?? 0, volumeM3: fact?.volumeM3 ?? 0, quantity: item.quantity };
  });
  if (problems.length > 0) throw invalid(problems);
  return lines;
}

/**
 * Zones, methods, tariffs and warehouses: read on every quote and changed by the back office now and then, so
 * they come from the read cache when one is given (the delivery tables bump the catalog bucket, migration 0035).
 * Not inside a transaction: the cache reads its versions on a connection of its own.
 */
export async function deliveryConfig(db: Db, cache?: ReadCache, request?: object) {
  const load = async () => {
    const [zones, methods, tariffs, warehouses] = await Promise.all([
      listZones(db),
      listMethods(db),
      listTariffs(db),
      listWarehouseSummaries(db),
    ]);
    return { zones, methods, tariffs, warehouses };
  };
  return cache ? cache.remember('catalog', 'delivery-config', load, request) : load();
}

export type DeliveryConfig = Awaited<ReturnType<typeof deliveryConfig>>;

/**
 * Delivery options for an order: the zone of the address, then every active method the audience may use with
 * its cost and dates, or the reason it is unavailable.
 */
export async function quoteDelivery(
  db: Db,
  input: QuoteBody & { audience: DeliveryAudience; now?: Date },
  settings: { cache?: ReadCache; config?: DeliveryConfig } = {},
) {
  const today = businessDay(input.now ?? new Date());
  if (input.desiredDate && input.desiredDate < today)
    throw invalid([{ path: 'body.desiredDate', message: 'Must not be in the past' }]);
  const [lines, { zones, methods, tariffs, warehouses }] = await Promise.all([
    linesOf(db, input.items),
    settings.config ?? deliveryConfig(db, settings.cache),
  ]);
  const zone = matchZone(zones, input.address);
  const calcMethods: CalcMethod[] = methods.map((m) => ({
    ...m,
    warehouse: warehouses.find((w) => w.id === m.warehouseId) ?? null,
  }));
  return {
    zone: zone ? { id: zone.id, name: zone.name } : null,
    ...parcelOf(lines),
    methods: computeQuote({
      methods: calcMethods,
      tariffs,
      zoneId: zone?.id ?? null,
      defaultZoneId: zones.find((z) => z.isDefault)?.id ?? null,
      audience: input.audience,
      lines,
      orderAmount: input.orderAmount,
      today,
      ...(input.desiredDate ? { desiredDate: input.desiredDate } : {}),
    }),
  };
}
