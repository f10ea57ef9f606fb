import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidSettlementAccount,
} from '../../../shared/requisites';
import type { TranslationKey } from '../../i18n/types';

type Check = TranslationKey | null;

/** The same checks the server makes, so a mistake shows on the field before sending. */
export const requisiteProblem = {
  inn: (v: string): Check => (isValidInn(v.trim()) ? null : 'companies.validation.inn'),
  kpp: (v: string): Check => (!v.trim() || isValidKpp(v.trim()) ? null : 'companies.validation.kpp'),
  ogrn: (v: string): Check => (!v.trim() || isValidOgrn(v.trim()) ? null : 'companies.validation.ogrn'),
  bik: (v: string): Check => (isValidBik(v.trim()) ? null : 'companies.validation.bik'),
  settlementAccount: (v: string, bik: string): Check =>
    isValidSettlementAccount(v.trim(), bik.trim()) ? null : 'companies.validation.settlementAccount',
  correspondentAccount: (v: string, bik: string): Check =>
    !v.trim() || isValidCorrespondentAccount(v.trim(), bik.trim())
      ? null
      : 'companies.validation.correspondentAccount',
  required: (v: string): Check => (v.trim() ? null : 'companies.validation.required'),
};

/** The server's message for a field (paths look like `body.inn`), if it reported one. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  const errors = (error as { errors?: { path: string; message: string }[] } | null)?.errors ?? [];
  return errors.find((e) => e.path === `body.${field}`)?.message;
}

/** An empty input means "clear the value" for optional text fields. */
export const orNull = (v: string) => (v.trim() ? v.trim() : null);
