import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCartPlace, useDefaultCartId } from './api';
import { CartPanel } from './CartPanel';

/** `/cart`: a signed-in person's own cart, or a guest's (merged into the person's cart on sign-in). */
export function CartPage() {
  const { t } = useTranslation();
  usePageTitle(t('carts.title'));
  const { place, pending } = useCartPlace(null);
  const cartId = useDefaultCartId(place, !pending);
  return (
    <Stack gap={0}>
      <PageHeader title={t('carts.title')} />
      {pending || (place.kind === 'me' && !cartId) ? (
        <ListSkeleton rows={3} />
      ) : (
        <CartPanel place={place} cartId={place.kind === 'guest' ? null : cartId} canEdit />
      )}
    </Stack>
  );
}
