/** Calendar dates (YYYY-MM-DD, UTC) for subscription periods. */

/** The UTC calendar date of a moment. */
export const dateOf = (at: Date): string => at.toISOString().slice(0, 10);

/** A date plus whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return dateOf(d);
}

/** A date plus whole months; the 31st becomes the month's last day. */
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return dateOf(target);
}

/** Days from one date to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The later of two dates. */
export const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The usual gap in days between purchase days (oldest first): the median gap, rounded. */
export function usualIntervalDays(days: string[]): number | null {
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((d, i) => daysBetween(days[i] as string, d));
  return Math.round(median(gaps));
}
