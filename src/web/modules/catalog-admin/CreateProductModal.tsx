import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, fieldErrors, type ProductCard, send } from './api';
import { categoryOptions } from './categoryOptions';

/** Creates a product with its default variant and its retail price. */
export function CreateProductModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const categories = useQuery({ ...categoriesQuery, enabled: opened });
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState<number | string>('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      send<ProductCard>('POST', '/products', {
        sku: sku.trim(),
        name: name.trim(),
        categoryId,
        ...(typeof price === 'number' ? { price: Math.round(price * 100) } : {}),
      }),
    onSuccess: (product) => {
      notifications.show({
        color: 'teal',
        message: t('catalog-admin.products.created', { name: product.name }),
      });
      void client.invalidateQueries({ queryKey: ['catalog-admin', 'products'] });
      setSku('');
      setName('');
      setPrice('');
      onClose();
    },
  });
  const errors = fieldErrors(create.error);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('catalog-admin.products.create')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('catalog-admin.products.sku')}
            required
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={errors.sku}
          />
          <TextInput
            label={t('catalog-admin.products.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <NumberInput
            label={t('catalog-admin.products.retailPrice')}
            min={0}
            decimalScale={2}
            value={price}
            onChange={setPrice}
            error={errors.price}
          />
          <Select
            label={t('catalog-admin.products.category')}
            searchable
            clearable
            data={categoryOptions(categories.data ?? [])}
            value={categoryId}
            onChange={setCategoryId}
            error={errors.categoryId}
          />
          {create.isError && Object.keys(errors).length === 0 ? (
            <div role="alert" style={{ color: 'var(--mantine-color-error)' }}>
              {create.error.message}
            </div>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('catalog-admin.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('catalog-admin.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
