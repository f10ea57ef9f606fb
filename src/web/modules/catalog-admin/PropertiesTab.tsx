import { Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type ProductCard, propertiesQuery, send } from './api';
import { useProductUpdate } from './useProductUpdate';

type Value = { optionId?: string | null; number?: number | string; text?: string };

/** The product's values of the catalog's properties, each input by the property's type. */
export function PropertiesTab({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const properties = useQuery(propertiesQuery);
  const [values, setValues] = useState<Record<string, Value>>(() =>
    Object.fromEntries(
      product.properties.map((v) => [
        v.propertyId,
        { optionId: v.optionId, number: v.number ?? '', text: v.text ?? '' },
      ]),
    ),
  );
  type Filled = { propertyId: string; optionId?: string; number?: number; text?: string };
  const filled = (properties.data ?? []).flatMap((p): Filled[] => {
    const v = values[p.id];
    if (p.type === 'list' && v?.optionId) return [{ propertyId: p.id, optionId: v.optionId }];
    if (p.type === 'number' && typeof v?.number === 'number') return [{ propertyId: p.id, number: v.number }];
    if (p.type === 'text' && v?.text?.trim()) return [{ propertyId: p.id, text: v.text.trim() }];
    return [];
  });
  const save = useProductUpdate(product.id, () =>
    send<ProductCard>('PUT', `/products/${product.id}/properties`, { values: filled }),
  );
  const set = (id: string, v: Value) => setValues((s) => ({ ...s, [id]: { ...s[id], ...v } }));
  const e = fieldErrors(save.error);
  if (properties.data?.length === 0) return <Text c="dimmed">{t('catalog-admin.properties.none')}</Text>;
  return (
    <Stack gap="sm" maw={560}>
      {(properties.data ?? []).map((p, i) => {
        const label = p.unit ? `${p.name}, ${p.unit}` : p.name;
        const error = e[`values.${i}.optionId`] ?? e[`values.${i}.number`] ?? e[`values.${i}.text`];
        if (p.type === 'list')
          return (
            <Select
              key={p.id}
              label={label}
              clearable
              data={p.options.map((o) => ({ value: o.id, label: o.value }))}
              value={values[p.id]?.optionId ?? null}
              onChange={(v) => set(p.id, { optionId: v })}
              error={error}
            />
          );
        if (p.type === 'number')
          return (
            <NumberInput
              key={p.id}
              label={label}
              value={values[p.id]?.number ?? ''}
              onChange={(v) => set(p.id, { number: v })}
              error={error}
            />
          );
        return (
          <TextInput
            key={p.id}
            label={label}
            value={values[p.id]?.text ?? ''}
            onChange={(v) => set(p.id, { text: v.currentTarget.value })}
            error={error}
          />
        );
      })}
      <Group>
        <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>
          {t('catalog-admin.save')}
        </Button>
      </Group>
    </Stack>
  );
}
