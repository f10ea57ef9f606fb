import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

const base = '/api/v1/admin/delivery';

export type Kind = 'pickup' | 'courier' | 'transport_company';
export type Audience = 'retail' | 'company';

export interface Zone {
  id: string;
  name: string;
  postalPrefixes: string[];
  regions: string[];
  cities: string[];
  isDefault: boolean;
  position: number;
}

export interface Method {
  id: string;
  kind: Kind;
  name: string;
  nameEn: string | null;
  carrier: string | null;
  warehouseId: string | null;
  audiences: Audience[];
  leadTimeDays: number;
  position: number;
  isActive: boolean;
}

/** A tariff of a method in a zone; money in kopecks. */
export interface Tariff {
  id: string;
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

export interface Warehouse {
  id: string;
  name: string;
  address: string | null;
  isActive: boolean;
}

const listOf = <T>(path: string) =>
  queryOptions({
    queryKey: ['delivery-admin', path],
    queryFn: async () => (await api<{ items: T[] }>(`${base}/${path}`)).items,
  });

export const zonesQuery = listOf<Zone>('zones');
export const methodsQuery = listOf<Method>('methods');
export const tariffsQuery = listOf<Tariff>('tariffs');
export const warehousesQuery = listOf<Warehouse>('warehouses');

/** Sends a JSON write to the delivery back office. */
export function send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown) {
  return api<T>(`${base}${path}`, { method, ...(json === undefined ? {} : { json }) });
}

/** Field errors of an API error keyed by field (the `body.` prefix removed), for form inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
}

/** Kopecks as money in the UI language. */
export function money(kopecks: number | null, locale: string): string {
  if (kopecks === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);
}

/** A comma-separated input as a list, and back. */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
export const joinList = (items: string[]) => items.join(', ');

/** Roubles typed in a form as kopecks (empty: null). */
export const toKopecks = (v: number | string) => (typeof v === 'number' ? Math.round(v * 100) : null);
/** A number typed in a form (empty: null). */
export const toNumber = (v: number | string) => (typeof v === 'number' ? v : null);
