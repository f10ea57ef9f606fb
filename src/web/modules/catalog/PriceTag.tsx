import { Badge, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Price } from './api';
import { useCatalogFormat, usePriceRuleLabel } from './format';

interface PriceTagProps {
  price: Price | null;
  unit: string;
  size?: 'md' | 'lg';
}

/** "My price" per unit, the badge saying which rule produced it, and the base price struck through when higher. */
export function PriceTag({ price, unit, size = 'md' }: PriceTagProps) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const ruleLabel = usePriceRuleLabel();
  if (!price) {
    return (
      <Text size="sm" c="dimmed" data-testid="price-none">
        {t('catalog.price.onRequest')}
      </Text>
    );
  }
  const label = ruleLabel(price.rule, unit);
  const lower = price.basePrice !== null && price.basePrice > price.unitPrice;
  return (
    <Stack gap={4} data-testid="price">
      <Group gap={8} align="baseline" wrap="wrap">
        <Text fw={700} size={size === 'lg' ? 'xl' : 'lg'} data-testid="price-value">
          {format.money(price.unitPrice, price.currency)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('catalog.price.perUnit', { unit })}
        </Text>
        {lower && price.basePrice !== null ? (
          <Text size="sm" c="dimmed" td="line-through" data-testid="price-base">
            <VisuallyHidden>{t('catalog.price.was')} </VisuallyHidden>
            {format.money(price.basePrice, price.currency)}
          </Text>
        ) : null}
      </Group>
      {label ? (
        <Badge
          variant="light"
          color={price.rule.promo ? 'red' : price.rule.source === 'contract' ? 'teal' : 'blue'}
          size="sm"
          radius="sm"
          style={{ alignSelf: 'flex-start', textTransform: 'none' }}
          data-testid="price-rule"
        >
          {label}
        </Badge>
      ) : null}
    </Stack>
  );
}
