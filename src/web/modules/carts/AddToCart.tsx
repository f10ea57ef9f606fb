import { Button, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentOrgId } from '../../app/contexts';
import {
  addLines,
  type ChangeResult,
  useCanEditCarts,
  useCartMutation,
  useCartPlace,
  useDefaultCartId,
} from './api';
import { fitQuantity } from './quantity';

interface AddToCartProps {
  variantId: string;
  productName: string;
  unit: string;
  packSize: number;
  minOrderQty: number;
  /** A quantity chosen elsewhere (the product page's calculator); without it the control has its own input. */
  quantity?: number;
  size?: 'xs' | 'sm';
}

/** Tells what the server did with an add: corrected quantities or an unavailable product. */
export function useAddNotice() {
  const { t } = useTranslation();
  return (result: ChangeResult, name: string) => {
    if (result.unavailable.length > 0) {
      notifications.show({ color: 'orange', message: t('carts.add.unavailable') });
      return;
    }
    const fix = result.corrected[0];
    notifications.show({
      color: 'green',
      message: fix
        ? `${t('carts.add.added', { name })}. ${t('carts.add.corrected', { qty: fix.set, reason: t(`carts.reason.${fix.reason}`) })}`
        : t('carts.add.added', { name }),
    });
  };
}

/**
 * "Add to cart" for a catalog product: a quantity kept to the pack multiple and minimum order, and the button.
 * It adds to the guest's, the person's or the member's default company cart, by the page's context.
 */
export function AddToCart({
  variantId,
  productName,
  unit,
  packSize,
  minOrderQty,
  quantity,
  size = 'sm',
}: AddToCartProps) {
  const { t } = useTranslation();
  const orgId = useCurrentOrgId();
  const { place, pending } = useCartPlace(orgId);
  const cartId = useDefaultCartId(place, !pending);
  const canEdit = useCanEditCarts(place);
  const start = fitQuantity(1, packSize, minOrderQty);
  const [typed, setTyped] = useState<number>(start);
  const notice = useAddNotice();
  const add = useCartMutation(place, (q: number) => addLines(place, cartId, [{ variantId, quantity: q }]));
  if (!canEdit) return null;
  const chosen = quantity ?? fitQuantity(typed || start, packSize, minOrderQty);
  const onAdd = () =>
    add.mutate(chosen, {
      onSuccess: (result) => notice(result, productName),
      onError: () => notifications.show({ color: 'red', message: t('carts.add.failed') }),
    });
  return (
    <Group gap={6} wrap="nowrap" align="flex-end">
      {quantity === undefined ? (
        <NumberInput
          size={size}
          w={90}
          aria-label={t('carts.add.quantity', { unit })}
          min={0}
          step={packSize}
          value={typed}
          onChange={(v) => setTyped(typeof v === 'number' ? v : Number(v) || 0)}
          onBlur={() => setTyped(chosen)}
          data-testid="add-to-cart-quantity"
        />
      ) : null}
      <Button
        size={size}
        leftSection={<IconShoppingCartPlus size={16} aria-hidden="true" />}
        onClick={onAdd}
        loading={add.isPending}
        disabled={pending || (place.kind !== 'guest' && !cartId)}
        aria-label={`${t('carts.add.button')}: ${productName}`}
        data-testid="add-to-cart"
      >
        {t('carts.add.button')}
      </Button>
    </Group>
  );
}
