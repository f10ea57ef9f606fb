import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconStar, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type ProductCard, send, warehousesQuery } from './api';
import { useProductUpdate } from './useProductUpdate';

/** Variants (own SKU, attributes, barcodes), the default one, and stock on hand per warehouse. */
export function VariantsTab({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const warehouses = useQuery(warehousesQuery);
  const [sku, setSku] = useState('');
  const [attributes, setAttributes] = useState('');
  const [barcodes, setBarcodes] = useState('');
  const add = useProductUpdate(product.id, () =>
    send<ProductCard>('POST', `/products/${product.id}/variants`, {
      sku: sku.trim(),
      // "Размер=L; Цвет=Красный"
      attributes: Object.fromEntries(
        attributes
          .split(';')
          .map((pair) => pair.split('=').map((s) => s.trim()))
          .filter((pair) => pair.length === 2 && pair[0] && pair[1]),
      ),
      barcodes: barcodes.split(/[\s,;]+/).filter(Boolean),
    }),
  );
  const change = useProductUpdate(product.id, (v: { id: string; remove?: boolean }) =>
    v.remove
      ? send<ProductCard>('DELETE', `/products/${product.id}/variants/${v.id}`)
      : send<ProductCard>('PATCH', `/products/${product.id}/variants/${v.id}`, { isDefault: true }),
  );
  const [stockVariant, setStockVariant] = useState<string | null>(product.variants[0]?.id ?? null);
  const [stockWarehouse, setStockWarehouse] = useState<string | null>(null);
  const [onHand, setOnHand] = useState<number | string>('');
  const stock = useProductUpdate(product.id, async () => {
    await send('PUT', '/stock', { variantId: stockVariant, warehouseId: stockWarehouse, onHand });
    return undefined;
  });
  const e = fieldErrors(add.error);
  const warehouseName = (id: string) => warehouses.data?.find((w) => w.id === id)?.name ?? id;

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog-admin.products.sku')}</Table.Th>
              <Table.Th>{t('catalog-admin.variants.attributes')}</Table.Th>
              <Table.Th>{t('catalog-admin.variants.barcodes')}</Table.Th>
              <Table.Th>{t('catalog-admin.variants.stock')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {product.variants.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" ff="monospace">
                      {v.sku}
                    </Text>
                    {v.isDefault ? <Badge size="xs">{t('catalog-admin.variants.default')}</Badge> : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {Object.entries(v.attributes)
                    .map(([k, val]) => `${k}: ${val}`)
                    .join(', ') || '—'}
                </Table.Td>
                <Table.Td>{v.barcodes.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  {v.stock.map((s) => `${warehouseName(s.warehouseId)}: ${s.onHand}`).join(', ') || '—'}
                </Table.Td>
                <Table.Td>
                  {v.isDefault ? null : (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('catalog-admin.variants.makeDefault', { sku: v.sku })}
                        onClick={() => change.mutate({ id: v.id })}
                      >
                        <IconStar size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('catalog-admin.remove', { name: v.sku })}
                        onClick={() => change.mutate({ id: v.id, remove: true })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('catalog-admin.variants.add')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('catalog-admin.products.sku')}
            value={sku}
            onChange={(v) => setSku(v.currentTarget.value)}
            error={e.sku}
          />
          <TextInput
            label={t('catalog-admin.variants.attributes')}
            placeholder={t('catalog-admin.variants.attributesHint')}
            value={attributes}
            onChange={(v) => setAttributes(v.currentTarget.value)}
          />
          <TextInput
            label={t('catalog-admin.variants.barcodes')}
            value={barcodes}
            onChange={(v) => setBarcodes(v.currentTarget.value)}
            error={e['barcodes.0']}
          />
          <Button onClick={() => add.mutate(undefined)} loading={add.isPending}>
            {t('catalog-admin.add')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('catalog-admin.variants.setStock')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('catalog-admin.variants.variant')}
            data={product.variants.map((v) => ({ value: v.id, label: v.sku }))}
            value={stockVariant}
            onChange={setStockVariant}
          />
          <Select
            label={t('catalog-admin.tabs.warehouses')}
            data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
            value={stockWarehouse}
            onChange={setStockWarehouse}
          />
          <NumberInput
            label={t('catalog-admin.variants.onHand')}
            min={0}
            decimalScale={3}
            value={onHand}
            onChange={setOnHand}
            w={140}
          />
          <Button
            onClick={() => stock.mutate(undefined)}
            loading={stock.isPending}
            disabled={!stockVariant || !stockWarehouse || onHand === ''}
          >
            {t('catalog-admin.save')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
