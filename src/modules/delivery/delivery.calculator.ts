import type { DeliveryAudience, DeliveryKind } from './delivery.tables.js';

/** A method with its pickup warehouse resolved (through the catalog service). */
export interface CalcMethod {
  id: string;
  kind: DeliveryKind;
  name: string;
  nameEn: string | null;
  carrier: string | null;
  warehouseId: string | null;
  warehouse: { id: string; name: string; address: string | null; isActive: boolean } | null;
  audiences: DeliveryAudience[];
  leadTimeDays: number;
  position: number;
  isActive: boolean;
}

/** A tariff of a method in a zone; money in kopecks. */
export interface CalcTariff {
  methodId: string;
  zoneId: string;
  baseCost: number;
  includedWeightKg: number;
  perKgCost: number;
  perM3Cost: number;
  volumetricFactor: number;
  maxWeightKg: number | null;
  maxVolumeM3: number | null;
  freeOverAmount: number | null;
  daysMin: number;
  daysMax: number;
}

/** One line of the parcel: per-unit weight and volume times the quantity. */
export interface ParcelLine {
  weightKg: number;
  volumeM3: number;
  quantity: number;
}

export type UnavailableReason = 'NO_TARIFF' | 'TOO_HEAVY' | 'TOO_BULKY' | 'WAREHOUSE_UNAVAILABLE';

interface MethodHead {
  methodId: string;
  kind: DeliveryKind;
  name: string;
  nameEn: string | null;
  carrier: string | null;
  warehouse: { id: string; name: string; address: string | null } | null;
}

export type MethodQuote =
  | (MethodHead & {
      available: true;
      cost: number;
      free: boolean;
      billableWeightKg: number;
      earliestDate: string;
      latestDate: string;
      /** The desired date when it can be met, else the earliest date. */
      deliveryDate: string;
      desiredDateMet: boolean | null;
    })
  | (MethodHead & { available: false; reason: UnavailableReason });

export interface CalcInput {
  methods: readonly CalcMethod[];
  tariffs: readonly CalcTariff[];
  zoneId: string | null;
  defaultZoneId: string | null;
  audience: DeliveryAudience;
  lines: readonly ParcelLine[];
  /** Order amount in kopecks, for "free delivery over". */
  orderAmount: number;
  /** Today in the shop's time zone, YYYY-MM-DD. */
  today: string;
  desiredDate?: string;
}

/** Total actual weight (kg) and volume (m³), rounded to grams and cubic centimetres. */
export function parcelOf(lines: readonly ParcelLine[]): { weightKg: number; volumeM3: number } {
  const grams = lines.reduce((s, l) => s + l.weightKg * l.quantity * 1000, 0);
  const cm3 = lines.reduce((s, l) => s + l.volumeM3 * l.quantity * 1_000_000, 0);
  return { weightKg: Math.round(grams) / 1000, volumeM3: Math.round(cm3) / 1_000_000 };
}

/** Billable weight: the larger of the actual and the volumetric weight (volume × kg per m³). */
export function billableWeight(weightKg: number, volumeM3: number, factor: number): number {
  return Math.max(weightKg, Math.round(volumeM3 * factor * 1000) / 1000);
}

/**
 * Cost in kopecks: base + per started kg above the included weight + per m³ of volume; zero when the order
 * amount reaches the tariff's free-delivery threshold.
 */
export function tariffCost(
  tariff: CalcTariff,
  parcel: { weightKg: number; volumeM3: number },
  orderAmount: number,
): { cost: number; free: boolean; billableWeightKg: number } {
  const billableWeightKg = billableWeight(parcel.weightKg, parcel.volumeM3, tariff.volumetricFactor);
  if (tariff.freeOverAmount !== null && orderAmount >= tariff.freeOverAmount)
    return { cost: 0, free: true, billableWeightKg };
  // Whole grams first, so 10.000000001 kg of float noise is not a started kilogram.
  const excessGrams = Math.max(0, Math.round((billableWeightKg - tariff.includedWeightKg) * 1000));
  const cost =
    tariff.baseCost +
    Math.ceil(excessGrams / 1000) * tariff.perKgCost +
    Math.round(parcel.volumeM3 * tariff.perM3Cost);
  return { cost, free: false, billableWeightKg };
}

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The date `days` working days after `from` (YYYY-MM-DD); Saturdays and Sundays are skipped. */
export function addWorkingDays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  let left = days;
  while (left > 0 || isWeekend(d)) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend(d)) left -= 1;
  }
  return isoDay(d);
}

/** Quotes every active method the audience may use: its cost and dates, or why it is unavailable. */
export function computeQuote(input: CalcInput): MethodQuote[] {
  const parcel = parcelOf(input.lines);
  const tariffOf = (methodId: string, zoneId: string | null) =>
    zoneId ? input.tariffs.find((t) => t.methodId === methodId && t.zoneId === zoneId) : undefined;
  return [...input.methods]
    .filter((m) => m.isActive && m.audiences.includes(input.audience))
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'ru'))
    .map((m): MethodQuote => {
      const head: MethodHead = {
        methodId: m.id,
        kind: m.kind,
        name: m.name,
        nameEn: m.nameEn,
        carrier: m.carrier,
        warehouse: m.warehouse
          ? { id: m.warehouse.id, name: m.warehouse.name, address: m.warehouse.address }
          : null,
      };
      if (m.kind === 'pickup' && !m.warehouse?.isActive)
        return { ...head, available: false, reason: 'WAREHOUSE_UNAVAILABLE' };
      // The zone's own tariff, else the default zone's (one «Вся Россия» tariff serves a pickup point).
      const tariff = tariffOf(m.id, input.zoneId) ?? tariffOf(m.id, input.defaultZoneId);
      if (!tariff) return { ...head, available: false, reason: 'NO_TARIFF' };
      if (tariff.maxWeightKg !== null && parcel.weightKg > tariff.maxWeightKg)
        return { ...head, available: false, reason: 'TOO_HEAVY' };
      if (tariff.maxVolumeM3 !== null && parcel.volumeM3 > tariff.maxVolumeM3)
        return { ...head, available: false, reason: 'TOO_BULKY' };
      const priced = tariffCost(tariff, parcel, input.orderAmount);
      const earliestDate = addWorkingDays(input.today, m.leadTimeDays + tariff.daysMin);
      const latestDate = addWorkingDays(input.today, m.leadTimeDays + tariff.daysMax);
      const desired = input.desiredDate;
      const desiredDateMet = desired ? desired >= earliestDate : null;
      return {
        ...head,
        available: true,
        ...priced,
        earliestDate,
        latestDate,
        deliveryDate: desired && desiredDateMet ? desired : earliestDate,
        desiredDateMet,
      };
    });
}
