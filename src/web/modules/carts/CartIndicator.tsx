import { ActionIcon, Indicator } from '@mantine/core';
import { IconShoppingCart } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentOrgId, useMe } from '../../app/contexts';
import { cartListQuery, useCartPlace } from './api';

/** The header's cart icon with the number of lines in the cart of the current context. */
export function CartIndicator() {
  const { t } = useTranslation();
  const orgId = useCurrentOrgId();
  const { place, pending } = useCartPlace(orgId);
  const me = useMe();
  // Only a guest or a person has a cart; the back-office operator does not.
  const shopper = place.kind === 'guest' || me.data?.user.kind === 'person';
  const list = useQuery({ ...cartListQuery(place), enabled: !pending && shopper, retry: false });
  const mine = list.data?.find((c) => c.isDefault && c.mine) ?? list.data?.[0];
  const count = mine?.lineCount ?? 0;
  const to =
    place.kind === 'org'
      ? `/orgs/${encodeURIComponent(place.orgId)}/carts${mine ? `/${mine.id}` : ''}`
      : '/cart';
  if (pending || !shopper) return null;
  return (
    <Indicator label={count} size={16} disabled={count === 0} offset={4} data-testid="cart-indicator">
      <ActionIcon
        variant="subtle"
        size="lg"
        renderRoot={(props) => <Link to={to} {...props} />}
        aria-label={count > 0 ? t('carts.headerCount', { count }) : t('carts.headerLink')}
      >
        <IconShoppingCart size={20} aria-hidden="true" />
      </ActionIcon>
    </Indicator>
  );
}
