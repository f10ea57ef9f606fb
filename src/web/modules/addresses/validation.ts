import { normalizePhone } from '../../../shared/phone';
import { isValidInn, isValidKpp } from '../../../shared/requisites';
import type { TranslationKey } from '../../i18n/types';
import type { DeliveryAddress } from './api';

/** The form's fields as typed (all strings; empty means "not set" for the optional ones). */
export interface AddressValues {
  label: string;
  recipientName: string;
  phone: string;
  postalCode: string;
  region: string;
  city: string;
  line: string;
  flat: string;
  comment: string;
  lat: string;
  lon: string;
  hasConsignee: boolean;
  consigneeName: string;
  consigneeInn: string;
  consigneeKpp: string;
  consigneeContact: string;
  consigneePhone: string;
}

export type FieldName = Exclude<keyof AddressValues, 'hasConsignee'>;

export const emptyAddress: AddressValues = {
  label: '',
  recipientName: '',
  phone: '',
  postalCode: '',
  region: '',
  city: '',
  line: '',
  flat: '',
  comment: '',
  lat: '',
  lon: '',
  hasConsignee: false,
  consigneeName: '',
  consigneeInn: '',
  consigneeKpp: '',
  consigneeContact: '',
  consigneePhone: '',
};

export function valuesOf(a: DeliveryAddress): AddressValues {
  return {
    label: a.label,
    recipientName: a.recipientName,
    phone: a.phone,
    postalCode: a.postalCode,
    region: a.region,
    city: a.city,
    line: a.line,
    flat: a.flat ?? '',
    comment: a.comment ?? '',
    lat: a.location ? String(a.location.lat) : '',
    lon: a.location ? String(a.location.lon) : '',
    hasConsignee: a.consignee !== null,
    consigneeName: a.consignee?.name ?? '',
    consigneeInn: a.consignee?.inn ?? '',
    consigneeKpp: a.consignee?.kpp ?? '',
    consigneeContact: a.consignee?.contactName ?? '',
    consigneePhone: a.consignee?.phone ?? '',
  };
}

const coordinate = (v: string, max: number) => {
  const n = Number(v.trim().replace(',', '.'));
  return v.trim() !== '' && Number.isFinite(n) && Math.abs(n) <= max ? n : null;
};

/** The same checks the server makes, so a mistake shows on its field before sending. */
export function problemsOf(
  v: AddressValues,
  withConsignee: boolean,
): Partial<Record<FieldName, TranslationKey>> {
  const found: Partial<Record<FieldName, TranslationKey>> = {};
  for (const key of ['label', 'recipientName', 'region', 'city', 'line'] as const) {
    if (!v[key].trim()) found[key] = 'addresses.validation.required';
  }
  if (!normalizePhone(v.phone)) found.phone = 'addresses.validation.phone';
  if (!/^\d{6}$/.test(v.postalCode.trim())) found.postalCode = 'addresses.validation.postalCode';
  if (v.lat.trim() || v.lon.trim()) {
    if (coordinate(v.lat, 90) === null) found.lat = 'addresses.validation.lat';
    if (coordinate(v.lon, 180) === null) found.lon = 'addresses.validation.lon';
  }
  if (withConsignee && v.hasConsignee) {
    const inn = v.consigneeInn.trim();
    const kpp = v.consigneeKpp.trim();
    if (!v.consigneeName.trim()) found.consigneeName = 'addresses.validation.required';
    if (!isValidInn(inn)) found.consigneeInn = 'addresses.validation.inn';
    else if (inn.length === 10 && !isValidKpp(kpp)) found.consigneeKpp = 'addresses.validation.kpp';
    else if (inn.length === 12 && kpp) found.consigneeKpp = 'addresses.validation.noKpp';
    if (v.consigneePhone.trim() && !normalizePhone(v.consigneePhone)) {
      found.consigneePhone = 'addresses.validation.phone';
    }
  }
  return found;
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** The request body for the values (company books also send the consignee, or null to remove it). */
export function bodyOf(v: AddressValues, withConsignee: boolean) {
  const lat = coordinate(v.lat, 90);
  const lon = coordinate(v.lon, 180);
  return {
    label: v.label.trim(),
    recipientName: v.recipientName.trim(),
    phone: v.phone.trim(),
    postalCode: v.postalCode.trim(),
    region: v.region.trim(),
    city: v.city.trim(),
    line: v.line.trim(),
    flat: orNull(v.flat),
    comment: orNull(v.comment),
    location: lat !== null && lon !== null ? { lat, lon } : null,
    ...(withConsignee
      ? {
          consignee: v.hasConsignee
            ? {
                name: v.consigneeName.trim(),
                inn: v.consigneeInn.trim(),
                kpp: orNull(v.consigneeKpp),
                contactName: orNull(v.consigneeContact),
                phone: orNull(v.consigneePhone),
              }
            : null,
        }
      : {}),
  };
}

/** Path of a server field error for a form field (`consigneeInn` → `body.consignee.inn`). */
export const serverPathOf = (field: FieldName) => {
  if (field === 'lat' || field === 'lon') return `body.location.${field}`;
  if (field === 'consigneeContact') return 'body.consignee.contactName';
  if (field.startsWith('consignee')) return `body.consignee.${field.slice(9).toLowerCase()}`;
  return `body.${field}`;
};
