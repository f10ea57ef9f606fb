import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const codeAlphabet = 'ACDEFGHJKMNPQRTUVWXY34679';
export const codeLength = 7;

/** A fresh random code (`K7MPX3R`): 25^7 ≈ 6·10^9 codes, so a clash is rare and simply retried. */
export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** A code as a person may type it: case, spaces and dashes do not matter. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** "Анна Петрова" → "Анна П.": how a friend (or the inviter) is shown to the other side. */
export function shortName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}
