import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stock } from './api';
import { useCatalogFormat } from './format';

const LEVEL_COLOR = { in_stock: 'green', few_left: 'orange', on_order: 'gray' } as const;

interface StockInfoProps {
  stock: Stock | null;
  unit: string;
  /** Show the per-warehouse table (product page) instead of a one-line summary (cards). */
  detailed?: boolean;
}

/**
 * Stock as the scope may see it: a company sees quantities per warehouse, a person or a guest sees a level with
 * a delivery estimate.
 */
export function StockInfo({ stock, unit, detailed = false }: StockInfoProps) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const level = stock?.level ?? 'on_order';
  const warehouses = stock?.warehouses ?? null;
  const levelBadge = (
    <Badge
      variant="dot"
      color={LEVEL_COLOR[level]}
      size="sm"
      style={{ textTransform: 'none' }}
      data-testid="stock-level"
    >
      {t(`catalog.stock.level.${level}`)}
    </Badge>
  );
  const delivery = stock ? (
    <Text size="xs" c="dimmed" data-testid="stock-delivery">
      {t('catalog.stock.delivery', { count: stock.deliveryDays })}
    </Text>
  ) : null;

  if (!warehouses) {
    return (
      <Group gap={8} wrap="wrap" data-testid="stock">
        {levelBadge}
        {delivery}
      </Group>
    );
  }
  if (!detailed) {
    const total = stock?.available ?? warehouses.reduce((sum, w) => sum + w.available, 0);
    return (
      <Stack gap={2} data-testid="stock">
        <Text size="sm" data-testid="stock-total">
          {t('catalog.stock.total', { qty: format.quantity(total), unit, count: warehouses.length })}
        </Text>
        <Text size="xs" c="dimmed" data-testid="stock-warehouses">
          {warehouses
            .filter((w) => w.available > 0)
            .map((w) => `${w.name}: ${format.quantity(w.available)}`)
            .join(' · ') || t('catalog.stock.level.on_order')}
        </Text>
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={280} data-testid="stock">
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.stock.warehouse')}</Table.Th>
            <Table.Th ta="right">{t('catalog.stock.available', { unit })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {warehouses.map((w) => (
            <Table.Tr key={w.warehouseId} data-testid="stock-warehouse-row">
              <Table.Td>{w.name}</Table.Td>
              <Table.Td ta="right">{format.quantity(w.available)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
