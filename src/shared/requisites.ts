/** Checksums of Russian requisites (algorithms and test vectors: ../shared/docs/ru-documents.md §1–3). */

function checkDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10;
}

const toDigits = (value: string) => [...value].map(Number);

/** ИНН: 10 digits for a legal entity, 12 for a person or sole trader, with valid check digits. */
export function isValidInn(value: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return false;
  const d = toDigits(value);
  if (value.length === 10) return checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return (
    checkDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
    checkDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
  );
}

/** ОГРН (13 digits, mod 11) or ОГРНИП (15 digits, mod 13); the check digit is the remainder's last digit. */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(value)) return false;
  const body = BigInt(value.slice(0, -1));
  const modulus = value.length === 13 ? 11n : 13n;
  return (body % modulus) % 10n === BigInt(value.slice(-1));
}

/** КПП: 4 digits, 2 digits or capital Latin letters, 3 digits. */
export function isValidKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value);
}

/** ОГРНИП of a sole trader: 15 digits starting with 3, check digit = (first 14 mod 13) mod 10. */
export function isValidOgrnip(value: string): boolean {
  return /^3\d{14}$/.test(value) && isValidOgrn(value);
}

/** БИК of a Russian bank: 9 digits starting with 04 (no check digit). */
export function isValidBik(value: string): boolean {
  return /^04\d{7}$/.test(value);
}

const accountWeights = [7, 1, 3];

function accountKeyOk(prefix: string, account: string): boolean {
  if (!/^\d{20}$/.test(account)) return false;
  const digits = toDigits(prefix + account);
  const sum = digits.reduce((s, d, i) => s + ((d * (accountWeights[i % 3] ?? 0)) % 10), 0);
  return sum % 10 === 0;
}

/** Расчётный счёт checked against the bank's БИК (key per ЦБ РФ № 515: last 3 БИК digits + account). */
export function isValidSettlementAccount(account: string, bik: string): boolean {
  return isValidBik(bik) && accountKeyOk(bik.slice(6, 9), account);
}

/** Корреспондентский счёт checked against the БИК ("0" + БИК digits 5–6 + account). */
export function isValidCorrespondentAccount(account: string, bik: string): boolean {
  return isValidBik(bik) && account.startsWith('301') && accountKeyOk(`0${bik.slice(4, 6)}`, account);
}
