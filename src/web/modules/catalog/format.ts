import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceRule } from './api';

/** Money (integer kopecks), quantities and dates of the catalog through Intl in the UI language. */
export function useCatalogFormat() {
  const { i18n, t } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const money = new Map<string, Intl.NumberFormat>();
    const moneyFormat = (currency: string) => {
      let format = money.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 });
        money.set(currency, format);
      }
      return format;
    };
    const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' });
    const bytes = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      /** 123456 kopecks, RUB → "1 234,56 ₽". */
      money: (kopecks: number, currency = 'RUB') => moneyFormat(currency).format(kopecks / 100),
      quantity: (value: number) => quantity.format(value),
      date: (value: string) => date.format(new Date(value)),
      /** A file size as "1,2 MB". */
      size: (value: number) =>
        value >= 1_048_576
          ? t('catalog.units.mb', { value: bytes.format(value / 1_048_576) })
          : t('catalog.units.kb', { value: bytes.format(Math.max(value / 1024, 0.1)) }),
    };
  }, [locale, t]);
}

/**
 * The short explanation of a price for its badge: the promotion, the discount ("−12% from 50 pcs"), the quantity
 * break, the contract or the group price list; null for the plain retail price.
 */
export function usePriceRuleLabel(): (rule: PriceRule, unit: string) => string | null {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  return (rule, unit) => {
    if (rule.promo) return t('catalog.price.rule.promo', { date: format.date(rule.promo.endsAt) });
    if (rule.discount) {
      const percent = format.quantity(rule.discount.percentBp / 100);
      return rule.discount.minQty > 1
        ? t('catalog.price.rule.discountFrom', { percent, qty: format.quantity(rule.discount.minQty), unit })
        : t('catalog.price.rule.discount', { percent });
    }
    if (rule.breakMinQty && rule.breakMinQty > 1)
      return t('catalog.price.rule.break', { qty: format.quantity(rule.breakMinQty), unit });
    if (rule.source === 'contract') return t('catalog.price.rule.contract');
    if (rule.source === 'group') return t('catalog.price.rule.group', { name: rule.priceListName });
    return null;
  };
}
