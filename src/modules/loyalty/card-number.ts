/**
 * Loyalty card numbers: EAN-13 with the prefix 2 that GS1 leaves for in-store use, so any till scanner reads the
 * barcode and no real product number can clash. Digits 2–12 are the account's serial, the last the check digit.
 */

/** The EAN-13 check digit of the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error('EAN-13 needs 12 digits before the check digit');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The card number of the n-th account (n from 1). */
export function cardNumberOf(serial: number): string {
  const first12 = `2${String(serial).padStart(11, '0')}`;
  return `${first12}${ean13CheckDigit(first12)}`;
}

/** Whether a scanned or typed string is a well-formed card number (13 digits, prefix 2, right check digit). */
export function isCardNumber(value: string): boolean {
  return /^2\d{12}$/.test(value) && ean13CheckDigit(value.slice(0, 12)) === Number(value[12]);
}

/**
 * Why a scanned or typed string is not a card number (for the till's 400), or null when it is one. Spaces and dashes
 * a person types between digit groups are ignored by the caller (`normalizeCardNumber`).
 */
export function cardNumberProblem(value: string): string | null {
  if (!/^\d+$/.test(value)) return 'A card number has digits only';
  if (value.length !== 13) return `A card number has 13 digits, this has ${value.length}`;
  if (value[0] !== '2') return 'Not a loyalty card: card numbers start with 2';
  const expected = ean13CheckDigit(value.slice(0, 12));
  if (expected !== Number(value[12]))
    return `Wrong check digit: a mistyped or misread number (expected ${expected})`;
  return null;
}

/** The digits of a typed number: spaces and dashes between groups dropped. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}
