import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, fieldErrors, groupsQuery, type ProductCard, send } from './api';
import { categoryOptions } from './categoryOptions';
import { useProductUpdate } from './useProductUpdate';

const num = (v: number | string) => (typeof v === 'number' ? v : null);

/** The product's own fields: names, description (HTML, sanitised by the server), units, status, visibility. */
export function ProductMainForm({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const groups = useQuery(groupsQuery);
  const [f, setF] = useState({
    sku: product.sku,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    brand: product.brand ?? '',
    unit: product.unit,
    unitCode: product.unitCode ?? '',
    packSize: product.packSize as number | string,
    minOrderQty: product.minOrderQty as number | string,
    weight: (product.weight ?? '') as number | string,
    volume: (product.volume ?? '') as number | string,
    vatRate: (product.vatRate ?? '') as number | string,
    status: product.status,
    limited: product.visibleGroupIds !== null,
    groups: product.visibleGroupIds ?? [],
  });
  const set = <K extends keyof typeof f>(key: K, value: (typeof f)[K]) =>
    setF((s) => ({ ...s, [key]: value }));
  const save = useProductUpdate(product.id, () =>
    send<ProductCard>('PATCH', `/products/${product.id}`, {
      sku: f.sku.trim(),
      name: f.name.trim(),
      description: f.description,
      categoryId: f.categoryId,
      brand: f.brand.trim() || null,
      unit: f.unit.trim(),
      unitCode: f.unitCode.trim() || null,
      ...(num(f.packSize) ? { packSize: num(f.packSize) } : {}),
      ...(num(f.minOrderQty) ? { minOrderQty: num(f.minOrderQty) } : {}),
      weight: num(f.weight),
      volume: num(f.volume),
      vatRate: num(f.vatRate),
      status: f.status,
      visibleGroupIds: f.limited ? f.groups : null,
    }),
  );
  const e = fieldErrors(save.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(undefined);
      }}
    >
      <Stack gap="sm" maw={860}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('catalog-admin.products.name')}
            required
            value={f.name}
            onChange={(v) => set('name', v.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label={t('catalog-admin.products.sku')}
            required
            value={f.sku}
            onChange={(v) => set('sku', v.currentTarget.value)}
            error={e.sku}
          />
          <Select
            label={t('catalog-admin.products.category')}
            searchable
            clearable
            data={categoryOptions(categories.data ?? [])}
            value={f.categoryId}
            onChange={(v) => set('categoryId', v)}
            error={e.categoryId}
          />
          <TextInput
            label={t('catalog-admin.product.brand')}
            value={f.brand}
            onChange={(v) => set('brand', v.currentTarget.value)}
            error={e.brand}
          />
          <TextInput
            label={t('catalog-admin.product.unit')}
            value={f.unit}
            onChange={(v) => set('unit', v.currentTarget.value)}
            error={e.unit}
          />
          <TextInput
            label={t('catalog-admin.product.unitCode')}
            value={f.unitCode}
            onChange={(v) => set('unitCode', v.currentTarget.value)}
            error={e.unitCode}
          />
          <NumberInput
            label={t('catalog-admin.product.packSize')}
            min={0.001}
            decimalScale={3}
            value={f.packSize}
            onChange={(v) => set('packSize', v)}
            error={e.packSize}
          />
          <NumberInput
            label={t('catalog-admin.product.minOrderQty')}
            min={0.001}
            decimalScale={3}
            value={f.minOrderQty}
            onChange={(v) => set('minOrderQty', v)}
            error={e.minOrderQty}
          />
          <NumberInput
            label={t('catalog-admin.product.weight')}
            min={0}
            decimalScale={4}
            value={f.weight}
            onChange={(v) => set('weight', v)}
            error={e.weight}
          />
          <NumberInput
            label={t('catalog-admin.product.volume')}
            min={0}
            decimalScale={6}
            value={f.volume}
            onChange={(v) => set('volume', v)}
            error={e.volume}
          />
          <NumberInput
            label={t('catalog-admin.product.vat')}
            min={0}
            max={100}
            value={f.vatRate}
            onChange={(v) => set('vatRate', v)}
            error={e.vatRate}
          />
          <Select
            label={t('catalog-admin.products.status')}
            allowDeselect={false}
            data={(['active', 'archived'] as const).map((s) => ({
              value: s,
              label: t(`catalog-admin.status.${s}`),
            }))}
            value={f.status}
            onChange={(v) => set('status', (v as 'active' | 'archived') ?? 'active')}
          />
        </SimpleGrid>
        <Textarea
          label={t('catalog-admin.product.description')}
          description={t('catalog-admin.product.descriptionHint')}
          autosize
          minRows={4}
          value={f.description}
          onChange={(v) => set('description', v.currentTarget.value)}
          error={e.description}
        />
        <Switch
          label={t('catalog-admin.visibility.limit')}
          checked={f.limited}
          onChange={(v) => set('limited', v.currentTarget.checked)}
        />
        {f.limited ? (
          <MultiSelect
            label={t('catalog-admin.visibility.chooseGroups')}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={f.groups}
            onChange={(v) => set('groups', v)}
            error={e.visibleGroupIds ?? e['visibleGroupIds.0']}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('catalog-admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
