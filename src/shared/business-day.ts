// Made once: building an Intl formatter costs more than the work most callers do with the date.
const moscowDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' });

/**
 * Today in the business's calendar (Moscow), as 'YYYY-MM-DD': delivery days are counted and documents are dated
 * by it, whatever the server's time zone.
 */
export function businessDay(now: Date = new Date()): string {
  return moscowDate.format(now);
}
