import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as typed ("8 916 123-45-67", "+7 (916) 123 45 67", "9161234567") in E.164 form
 * ("+79161234567"), or null when it is not a valid number. Numbers without a country code are Russian.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'RU');
  return parsed?.isValid() ? parsed.number : null;
}

/** "+79161234567" → "+7 916 123 45 67", for showing a number back to a person. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/**
 * users.email is required and unique, so a person who signs up with a phone alone gets a placeholder
 * address under the reserved `.invalid` domain (RFC 2606): it can never receive mail, and mail to it is
 * never queued. The person may replace it with a real address later.
 */
export const placeholderEmailDomain = 'phone.kabinet.invalid';

export const placeholderEmailFor = (e164: string) => `${e164.replace(/^\+/, '')}@${placeholderEmailDomain}`;

export const isPlaceholderEmail = (email: string) =>
  email.toLowerCase().endsWith(`@${placeholderEmailDomain}`);
