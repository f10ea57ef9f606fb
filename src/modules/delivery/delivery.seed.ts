import type { Db } from '../../server/core/db.js';
import { listWarehouseSummaries } from '../catalog/catalog.service.js';
import { createMethod, createTariff, createZone, listZones } from './delivery.service.js';

/**
 * Demo delivery: three zones (Moscow region, Urals, the rest of Russia), pickup at the Moscow warehouse, a
 * courier for Moscow and a transport company everywhere. Skipped when zones exist, so it runs once.
 */
export async function seedDemoDelivery(db: Db): Promise<void> {
  if ((await listZones(db)).length > 0) return;
  const zone = (
    name: string,
    postalPrefixes: string[],
    regions: string[],
    position: number,
    isDefault = false,
  ) => createZone(db, { name, postalPrefixes, regions, cities: [], isDefault, position });
  const moscow = await zone('Москва и МО', ['10', '11', '12', '14'], ['Москва', 'Московская область'], 0);
  const urals = await zone('Урал', ['62', '45', '61'], ['Свердловская область', 'Челябинская область'], 1);
  const russia = await zone('Вся Россия', [], [], 9, true);
  const warehouse = (await listWarehouseSummaries(db)).find((w) => w.isActive);
  const common = {
    carrier: null,
    warehouseId: null,
    audiences: ['retail', 'company'] as const,
    isActive: true,
  };
  const tariff = {
    includedWeightKg: 0,
    perKgCost: 0,
    perM3Cost: 0,
    volumetricFactor: 0,
    maxWeightKg: null,
    maxVolumeM3: null,
    freeOverAmount: null,
  };
  if (warehouse) {
    const pickup = await createMethod(db, {
      ...common,
      audiences: [...common.audiences],
      kind: 'pickup',
      name: `Самовывоз со склада «${warehouse.name}»`,
      nameEn: `Pickup at the ${warehouse.name} warehouse`,
      warehouseId: warehouse.id,
      leadTimeDays: 1,
      position: 0,
    });
    await createTariff(db, {
      ...tariff,
      methodId: pickup.id,
      zoneId: russia.id,
      baseCost: 0,
      daysMin: 0,
      daysMax: 0,
    });
  }
  const courier = await createMethod(db, {
    ...common,
    audiences: [...common.audiences],
    kind: 'courier',
    name: 'Курьер',
    nameEn: 'Courier',
    leadTimeDays: 0,
    position: 1,
  });
  await createTariff(db, {
    ...tariff,
    methodId: courier.id,
    zoneId: moscow.id,
    baseCost: 50_000,
    includedWeightKg: 10,
    perKgCost: 3_000,
    maxWeightKg: 100,
    maxVolumeM3: 1,
    freeOverAmount: 1_000_000,
    daysMin: 1,
    daysMax: 2,
  });
  const carrier = await createMethod(db, {
    ...common,
    audiences: [...common.audiences],
    kind: 'transport_company',
    name: 'Транспортная компания',
    nameEn: 'Transport company',
    carrier: 'Деловые Линии',
    leadTimeDays: 1,
    position: 2,
  });
  const byCarrier = { ...tariff, methodId: carrier.id, perM3Cost: 150_000, volumetricFactor: 200 };
  await createTariff(db, {
    ...byCarrier,
    zoneId: moscow.id,
    baseCost: 40_000,
    perKgCost: 1_500,
    daysMin: 1,
    daysMax: 3,
  });
  await createTariff(db, {
    ...byCarrier,
    zoneId: urals.id,
    baseCost: 90_000,
    perKgCost: 2_500,
    daysMin: 3,
    daysMax: 6,
  });
  await createTariff(db, {
    ...byCarrier,
    zoneId: russia.id,
    baseCost: 120_000,
    perKgCost: 3_500,
    daysMin: 4,
    daysMax: 10,
  });
}
