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
