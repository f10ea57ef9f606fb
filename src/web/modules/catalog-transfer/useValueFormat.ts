import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferKind } from './api';

/** Formats the values of a change for its kind: kopecks as roubles, quantities as numbers, names as they are. */
export function useValueFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    return {
      number: (value: number) => number.format(value),
      value: (kind: TransferKind, value: string | number) => {
        if (typeof value === 'string') return value;
        return kind === 'prices' ? money.format(value / 100) : number.format(value);
      },
    };
  }, [locale]);
}
