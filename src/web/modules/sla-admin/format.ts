import type { TFunction } from 'i18next';

/** Business minutes as «1 ч 30 мин» / «1 h 30 min». */
export function duration(t: TFunction, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(t('sla-admin.hours', { count: h }));
  if (m || !h) parts.push(t('sla-admin.minutes', { count: m }));
  return parts.join(' ');
}

/** An instant in the support calendar's zone, with the weekday (deadlines cross weekends). */
export function when(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** A 'YYYY-MM-DD' date in the UI language. */
export function dateText(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    weekday: 'short',
  }).format(new Date(`${date}T12:00:00Z`));
}
