import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  billableWeight,
  type CalcMethod,
  type CalcTariff,
  computeQuote,
  tariffCost,
} from './delivery.calculator.js';
import { matchZone, type ZoneRule } from './delivery.zones.js';

const tariff: CalcTariff = {
  methodId: 'm',
  zoneId: 'z',
  baseCost: 50_000,
  includedWeightKg: 10,
  perKgCost: 3_000,
  perM3Cost: 0,
  volumetricFactor: 0,
  maxWeightKg: 100,
  maxVolumeM3: 1,
  freeOverAmount: 1_000_000,
  daysMin: 1,
  daysMax: 2,
};
const method: CalcMethod = {
  id: 'm',
  kind: 'courier',
  name: 'Курьер',
  nameEn: null,
  carrier: null,
  warehouseId: null,
  warehouse: null,
  audiences: ['retail'],
  leadTimeDays: 0,
  position: 0,
  isActive: true,
};
const parcel = (weightKg: number, volumeM3 = 0) => ({ weightKg, volumeM3 });

describe('tariffCost', () => {
  it('charges only the base at exactly the included weight, and a whole kg for any started one above it', () => {
    expect(tariffCost(tariff, parcel(10), 0).cost).toBe(50_000);
    expect(tariffCost(tariff, parcel(10.001), 0).cost).toBe(53_000);
    expect(tariffCost(tariff, parcel(12), 0).cost).toBe(56_000);
  });
  it('bills the volumetric weight when it is larger than the actual one', () => {
    const bulky = { ...tariff, volumetricFactor: 200 };
    expect(billableWeight(5, 0.1, 200)).toBe(20);
    expect(tariffCost(bulky, parcel(5, 0.1), 0)).toEqual({ cost: 80_000, free: false, billableWeightKg: 20 });
    expect(tariffCost(bulky, parcel(30, 0.1), 0).billableWeightKg).toBe(30);
  });
  it('adds the per-m³ cost rounded to kopecks', () => {
    expect(tariffCost({ ...tariff, perM3Cost: 150_000 }, parcel(1, 0.333), 0).cost).toBe(50_000 + 49_950);
  });
  it('is free from the threshold on, not below it', () => {
    expect(tariffCost(tariff, parcel(50), 1_000_000)).toMatchObject({ cost: 0, free: true });
    expect(tariffCost(tariff, parcel(50), 999_999)).toMatchObject({ cost: 170_000, free: false });
  });
});

describe('computeQuote', () => {
  const quote = (over: Partial<Parameters<typeof computeQuote>[0]>) =>
    computeQuote({
      methods: [method],
      tariffs: [tariff],
      zoneId: 'z',
      defaultZoneId: null,
      audience: 'retail',
      lines: [{ weightKg: 50, volumeM3: 0.5, quantity: 2 }],
      orderAmount: 0,
      today: '2026-12-04',
      ...over,
    });
  it('allows exactly the limits and refuses above them', () => {
    expect(quote({})[0]).toMatchObject({ available: true, cost: 320_000 });
    expect(quote({ lines: [{ weightKg: 100.001, volumeM3: 0, quantity: 1 }] })[0]).toMatchObject({
      available: false,
      reason: 'TOO_HEAVY',
    });
    expect(quote({ lines: [{ weightKg: 1, volumeM3: 0.51, quantity: 2 }] })[0]).toMatchObject({
      available: false,
      reason: 'TOO_BULKY',
    });
  });
  it('falls back to the default zone tariff, and says when there is none', () => {
    expect(quote({ zoneId: 'other', defaultZoneId: 'z' })[0]?.available).toBe(true);
    expect(quote({ zoneId: 'other' })[0]).toMatchObject({ available: false, reason: 'NO_TARIFF' });
  });
  it('leaves out inactive methods and methods of another audience', () => {
    expect(quote({ audience: 'company' })).toEqual([]);
    expect(quote({ methods: [{ ...method, isActive: false }] })).toEqual([]);
  });
  it('refuses a pickup whose warehouse is gone or inactive', () => {
    const pickup = { ...method, kind: 'pickup' as const, warehouseId: 'w' };
    expect(quote({ methods: [pickup] })[0]).toMatchObject({ reason: 'WAREHOUSE_UNAVAILABLE' });
    const closed = { ...pickup, warehouse: { id: 'w', name: 'Склад', address: null, isActive: false } };
    expect(quote({ methods: [closed] })[0]).toMatchObject({ reason: 'WAREHOUSE_UNAVAILABLE' });
  });
  it('counts working days from Friday and honours a desired date that can be met', () => {
    // 2026-12-04 is a Friday: one working day is Monday the 7th, two is Tuesday the 8th.
    expect(quote({})[0]).toMatchObject({ earliestDate: '2026-12-07', latestDate: '2026-12-08' });
    expect(quote({ desiredDate: '2026-12-10' })[0]).toMatchObject({
      deliveryDate: '2026-12-10',
      desiredDateMet: true,
    });
    expect(quote({ desiredDate: '2026-12-05' })[0]).toMatchObject({
      deliveryDate: '2026-12-07',
      desiredDateMet: false,
    });
  });
});

describe('addWorkingDays', () => {
  it('moves a weekend start to Monday even for zero days', () => {
    expect(addWorkingDays('2026-12-05', 0)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-03', 0)).toBe('2026-12-03');
    expect(addWorkingDays('2026-12-03', 2)).toBe('2026-12-07');
  });
});

describe('matchZone', () => {
  const zone = (id: string, over: Partial<ZoneRule>): ZoneRule => ({
    id,
    name: id,
    postalPrefixes: [],
    regions: [],
    cities: [],
    isDefault: false,
    position: 0,
    ...over,
  });
  const zones = [
    zone('msk', { postalPrefixes: ['10', '11', '12', '14'], regions: ['москва'] }),
    zone('centre', { postalPrefixes: ['1'] }),
    zone('ural', { postalPrefixes: ['62'], cities: ['екатеринбург'], regions: ['свердловская область'] }),
    zone('russia', { isDefault: true }),
  ];
  it('prefers the longest prefix, then a city, then a region, then the default', () => {
    expect(matchZone(zones, { postalCode: '101000' })?.id).toBe('msk');
    expect(matchZone(zones, { postalCode: '190000' })?.id).toBe('centre');
    expect(matchZone(zones, { city: 'Екатеринбург' })?.id).toBe('ural');
    expect(matchZone(zones, { region: 'Свердловская  область' })?.id).toBe('ural');
    expect(matchZone(zones, { postalCode: '690000', city: 'Владивосток' })?.id).toBe('russia');
    expect(matchZone(zones.slice(0, 3), { postalCode: '690000' })).toBeNull();
  });
});
