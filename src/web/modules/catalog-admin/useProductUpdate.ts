import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProductCard } from './api';

/** A mutation whose answer is the product card: it refreshes the editor and says "saved". */
export function useProductUpdate<V>(productId: string, fn: (vars: V) => Promise<ProductCard | undefined>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (card) => {
      if (card) client.setQueryData(['catalog-admin', 'product', productId], card);
      else void client.invalidateQueries({ queryKey: ['catalog-admin', 'product', productId] });
      void client.invalidateQueries({ queryKey: ['catalog-admin', 'products'] });
      notifications.show({ color: 'teal', message: t('catalog-admin.saved') });
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
}
