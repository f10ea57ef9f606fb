/**
 * Numbers and dates as Russian finance documents print them. Kept apart from orders/export.ts's formatMoney,
 * which adds a currency sign: documents print bare amounts in columns headed «руб.».
 */

const rub = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rubEn = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Kopecks as «1 210,00» (ru-RU grouping with U+00A0; exact for any safe integer via integer split). */
export function formatRub(kopecks: number, language: 'ru' | 'en' = 'ru'): string {
  if (!Number.isSafeInteger(kopecks))
    throw new RangeError(`formatRub: kopecks must be an integer, got ${kopecks}`);
  // Division by 100 is exact enough for display: every integer/100 below 2^53 rounds back to 2 decimals.
  return (language === 'en' ? rubEn : rub).format(kopecks / 100);
}

/** A quantity with up to three decimals: 1.5 → «1,5». */
export function formatQuantity(quantity: number, language: 'ru' | 'en' = 'ru'): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 3 }).format(
    quantity,
  );
}

/** Whether a string is a calendar day 'YYYY-MM-DD' that exists (no 30 February). */
export function isCalendarDate(date: string): boolean {
  try {
    dayOf(date);
    return true;
  } catch {
    return false;
  }
}

/** A calendar date as 'YYYY-MM-DD' → the UTC instant of its midnight (documents carry days, not instants). */
function dayOf(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return d;
}

const longRu = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const longEn = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** '2025-03-05' → «5 марта 2025 г.» (month in the genitive, as in document titles); en: «5 March 2025». */
export function formatLongDate(date: string, language: 'ru' | 'en' = 'ru'): string {
  return (language === 'en' ? longEn : longRu).format(dayOf(date));
}

/** '2025-03-05' → «05.03.2025», the short form used in tables and periods. */
export function formatShortDate(date: string): string {
  dayOf(date);
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}
