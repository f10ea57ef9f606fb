import { Alert, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Price, usePriceQuote } from './api';
import { useCatalogFormat, usePriceRuleLabel } from './format';
import { useCatalogScope } from './scope';

interface CalculatorProps {
  variantId: string;
  unit: string;
  packSize: number;
  minOrderQty: number;
  /** The variant's price for one unit, shown until the pricing service answers. */
  price: Price | null;
  /** An action for the chosen quantity under the calculator ("Add to cart"). */
  action?: (quantity: number) => ReactNode;
}

/** The smallest quantity ≥ `wanted` that is a multiple of the pack and not below the minimum order. */
export function validQuantity(wanted: number, packSize: number, minOrderQty: number): number {
  const pack = packSize > 0 ? packSize : 1;
  const atLeast = Math.max(wanted, minOrderQty, pack);
  // Rounded to thousandths first: 0.1 × 3 must stay 0.3, not 0.30000000000000004.
  return Math.round(Math.ceil(Math.round((atLeast / pack) * 1000) / 1000) * pack * 1000) / 1000;
}

/**
 * The cost calculator: a quantity (kept to the pack multiple and minimum order) → unit price, total, the rule
 * that produced them and how far the next quantity break is — priced by the server's pricing service.
 */
export function Calculator({ variantId, unit, packSize, minOrderQty, price, action }: CalculatorProps) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const ruleLabel = usePriceRuleLabel();
  const { scope } = useCatalogScope();
  const start = validQuantity(1, packSize, minOrderQty);
  const [typed, setTyped] = useState<number>(start);
  const quantity = validQuantity(typed || start, packSize, minOrderQty);
  const [debounced] = useDebouncedValue(quantity, 300);
  const quote = usePriceQuote(scope, { variantId, quantity: debounced });
  const breaks = quote.data?.breaks ?? price?.breaks ?? [];
  const unitPrice = quote.data?.unitPrice ?? price?.unitPrice ?? null;
  const currency = quote.data?.currency ?? price?.currency ?? 'RUB';
  const fresh = quote.data && quote.data.quantity === quantity ? quote.data : null;
  const total = fresh?.total ?? (unitPrice === null ? null : Math.round(unitPrice * quantity));
  const rule = quote.data?.rule ?? price?.rule ?? null;
  const next = breaks.filter((b) => b.minQty > quantity).sort((a, b) => a.minQty - b.minQty)[0];
  const adjusted = typed > 0 && quantity !== typed;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calculator-title" data-testid="calculator">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calculator-title">
          {t('catalog.calculator.title')}
        </Title>
        <NumberInput
          label={t('catalog.calculator.quantity', { unit })}
          description={
            packSize > 1 || minOrderQty > 1
              ? t('catalog.calculator.rules', {
                  pack: format.quantity(packSize),
                  min: format.quantity(minOrderQty),
                  unit,
                })
              : undefined
          }
          min={0}
          step={packSize}
          value={typed}
          onChange={(value) => setTyped(typeof value === 'number' ? value : Number(value) || 0)}
          onBlur={() => setTyped(quantity)}
          data-testid="calculator-quantity"
        />
        {adjusted ? (
          <Text size="xs" c="orange.8" data-testid="calculator-adjusted">
            {t('catalog.calculator.adjusted', { qty: format.quantity(quantity), unit })}
          </Text>
        ) : null}
        {unitPrice === null ? (
          <Text c="dimmed">{t('catalog.price.onRequest')}</Text>
        ) : (
          <Group justify="space-between" align="flex-end" wrap="wrap" aria-live="polite">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('catalog.calculator.unitPrice')}
              </Text>
              <Text fw={600} data-testid="calculator-unit-price">
                {format.money(unitPrice, currency)}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="xs" c="dimmed">
                {t('catalog.calculator.total', { qty: format.quantity(quantity), unit })}
              </Text>
              <Text fw={700} size="xl" data-testid="calculator-total">
                {total === null ? '—' : format.money(total, currency)}
              </Text>
            </Stack>
          </Group>
        )}
        {rule && ruleLabel(rule, unit) ? (
          <Text size="sm" data-testid="calculator-rule">
            {ruleLabel(rule, unit)}
          </Text>
        ) : null}
        {next ? (
          <Alert
            variant="light"
            icon={<IconInfoCircle size={18} aria-hidden="true" />}
            data-testid="calculator-next-break"
            p="xs"
          >
            {t('catalog.calculator.nextBreak', {
              qty: format.quantity(next.minQty),
              unit,
              price: format.money(next.unitPrice, currency),
            })}
          </Alert>
        ) : null}
        {breaks.length > 1 ? (
          <Table withTableBorder striped data-testid="price-breaks">
            <caption style={{ captionSide: 'top', textAlign: 'start' }}>
              {t('catalog.calculator.breaks')}
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalog.calculator.from', { unit })}</Table.Th>
                <Table.Th ta="right">{t('catalog.calculator.unitPrice')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {breaks.map((b) => (
                <Table.Tr key={b.minQty} fw={rule?.breakMinQty === b.minQty ? 700 : undefined}>
                  <Table.Td>{format.quantity(b.minQty)}</Table.Td>
                  <Table.Td ta="right">{format.money(b.unitPrice, currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {unitPrice !== null && action ? action(quantity) : null}
      </Stack>
    </Paper>
  );
}
