import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type ProductCard, priceListsQuery, send } from './api';
import { useProductUpdate } from './useProductUpdate';

type Row = { minQty: number | string; amount: number | string };

/** Prices of a variant in a price list, with quantity breaks (price per unit from a quantity). */
export function PricesTab({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const lists = useQuery(priceListsQuery);
  const [variantId, setVariantId] = useState<string | null>(
    product.variants.find((v) => v.isDefault)?.id ?? null,
  );
  const [listId, setListId] = useState<string | null>(null);
  const activeList = listId ?? lists.data?.find((l) => l.isDefault)?.id ?? lists.data?.[0]?.id ?? null;
  const variant = product.variants.find((v) => v.id === variantId);
  const stored = (variant?.prices ?? []).filter((p) => p.priceListId === activeList);
  const [rows, setRows] = useState<Row[]>([]);
  const storedKey = JSON.stringify(stored);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the rows when the stored prices change
  useEffect(() => {
    setRows(
      stored.length
        ? stored.map((p) => ({ minQty: p.minQty, amount: p.amount / 100 }))
        : [{ minQty: 1, amount: '' }],
    );
  }, [storedKey, variantId, activeList]);
  const save = useProductUpdate(product.id, async () => {
    await send('PUT', `/variants/${variantId}/prices`, {
      priceListId: activeList,
      breaks: rows
        .filter((r) => typeof r.amount === 'number' && typeof r.minQty === 'number')
        .map((r) => ({ minQty: r.minQty, amount: Math.round((r.amount as number) * 100) })),
    });
    return undefined;
  });
  const e = fieldErrors(save.error);
  return (
    <Stack gap="md" maw={640}>
      <Group wrap="wrap">
        <Select
          label={t('catalog-admin.variants.variant')}
          allowDeselect={false}
          data={product.variants.map((v) => ({ value: v.id, label: v.sku }))}
          value={variantId}
          onChange={setVariantId}
        />
        <Select
          label={t('catalog-admin.prices.list')}
          allowDeselect={false}
          data={(lists.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={activeList}
          onChange={setListId}
        />
      </Group>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('catalog-admin.prices.breaksHint')}
          </Text>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
            <Group key={i} align="flex-end" wrap="nowrap">
              <NumberInput
                label={t('catalog-admin.prices.fromQty')}
                min={0.001}
                decimalScale={3}
                w={120}
                value={row.minQty}
                error={e[`breaks.${i}.minQty`]}
                onChange={(v) => setRows((r) => r.map((x, j) => (j === i ? { ...x, minQty: v } : x)))}
              />
              <NumberInput
                label={t('catalog-admin.prices.amount')}
                min={0}
                decimalScale={2}
                w={160}
                value={row.amount}
                error={e[`breaks.${i}.amount`]}
                onChange={(v) => setRows((r) => r.map((x, j) => (j === i ? { ...x, amount: v } : x)))}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('catalog-admin.remove', { name: String(row.minQty) })}
                onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows((r) => [...r, { minQty: '', amount: '' }])}
            >
              {t('catalog-admin.prices.addBreak')}
            </Button>
            <Button
              onClick={() => save.mutate(undefined)}
              loading={save.isPending}
              disabled={!variantId || !activeList}
            >
              {t('catalog-admin.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
