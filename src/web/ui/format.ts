import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/** Locale-aware formatters (Intl) for the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const longDate = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const number = new Intl.NumberFormat(locale);
    const language = new Intl.DisplayNames([locale], { type: 'language' });
    return {
      /** "12 мая 2026 г., 14:05" */
      dateTime: (value: string | Date) => dateTime.format(new Date(value)),
      /** "вторник, 12 мая" */
      longDate: (value: string | Date) => longDate.format(new Date(value)),
      /** "5 минут назад" for the last week, the full date and time before that. */
      relative: (value: string | Date, now = Date.now()) => {
        let delta = (new Date(value).getTime() - now) / 1000;
        for (const [unit, size] of RELATIVE_STEPS) {
          if (Math.abs(delta) < size) return relative.format(Math.round(delta), unit);
          delta /= size;
        }
        return dateTime.format(new Date(value));
      },
      number: (value: number) => number.format(value),
      /** "русский" / "English" for a language code. */
      language: (code: string) => language.of(code) ?? code,
    };
  }, [locale]);
}
