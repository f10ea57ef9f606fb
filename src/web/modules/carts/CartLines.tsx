import { ActionIcon, Badge, Group, Image, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { IconPhoto, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCatalogFormat } from '../catalog/format';
import { useAddNotice } from './AddToCart';
import {
  type Cart,
  type CartLine,
  type CartPlace,
  type ChangeResult,
  cartBase,
  useCartMutation,
} from './api';

interface LineProps {
  line: CartLine;
  currency: string;
  place: CartPlace;
  cartId: string;
  canEdit: boolean;
}

/** One cart line: picture, name and SKU, price (with a note when it changed), problems, quantity, total, remove. */
function Line({ line, currency, place, cartId, canEdit }: LineProps) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const notice = useAddNotice();
  const [typed, setTyped] = useState<number | null>(null);
  const base = `${cartBase(place, cartId)}/lines/${encodeURIComponent(line.variantId)}`;
  const setQty = useCartMutation(place, (quantity: number) =>
    api<ChangeResult>(base, { method: 'PATCH', json: { quantity } }),
  );
  const remove = useCartMutation(place, () => api<ChangeResult>(base, { method: 'DELETE' }));
  const commit = () => {
    if (typed === null || typed <= 0 || typed === line.quantity) {
      setTyped(null);
      return;
    }
    setQty.mutate(typed, {
      onSuccess: (result) => {
        setTyped(null);
        if (result.corrected.length > 0) notice(result, line.name);
      },
    });
  };
  const fullName = line.variantName ? `${line.name} (${line.variantName})` : line.name;
  return (
    <Paper withBorder p="sm" component="li" data-testid="cart-line" style={{ listStyle: 'none' }}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {line.imageUrl ? (
          <Image src={line.imageUrl} alt="" w={56} h={56} fit="contain" radius="sm" />
        ) : (
          <IconPhoto size={56} stroke={1} aria-hidden="true" color="var(--mantine-color-gray-5)" />
        )}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} lineClamp={2} data-testid="cart-line-name">
            {fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {t('carts.line.sku', { sku: line.sku })}
            {line.packSize !== 1 || line.minOrderQty !== 1
              ? ` · ${t('carts.line.pack', { pack: format.quantity(line.packSize), min: format.quantity(line.minOrderQty) })}`
              : ''}
          </Text>
          <Text size="sm">
            {line.unitPrice === null
              ? t('carts.line.noPrice')
              : `${format.money(line.unitPrice, currency)} / ${line.unit}`}
          </Text>
          {line.priceChanged ? (
            <Text size="xs" c="red.9" data-testid="cart-line-price-changed">
              {t('carts.line.priceChanged', { was: format.money(line.priceChanged.was, currency) })}
            </Text>
          ) : null}
          {line.problems.length > 0 ? (
            <Group gap={4}>
              {line.problems.map((p) => (
                <Badge key={p} color="red.9" variant="outline" size="sm">
                  {t(`carts.problem.${p}`)}
                </Badge>
              ))}
            </Group>
          ) : null}
          <Group gap="sm" justify="space-between" align="flex-end" wrap="wrap">
            <NumberInput
              size="xs"
              w={110}
              aria-label={t('carts.line.quantity', { name: fullName })}
              min={0}
              step={line.packSize}
              value={typed ?? line.quantity}
              readOnly={!canEdit}
              onChange={(v) => setTyped(typeof v === 'number' ? v : Number(v) || 0)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit();
              }}
              rightSection={
                <Text size="xs" c="dimmed">
                  {line.unit}
                </Text>
              }
              data-testid="cart-line-quantity"
            />
            <Group gap="xs" wrap="nowrap">
              <Text fw={700} data-testid="cart-line-total">
                {line.lineTotal === null ? '—' : format.money(line.lineTotal, currency)}
              </Text>
              {canEdit ? (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('carts.line.remove', { name: fullName })}
                  onClick={() => remove.mutate(undefined)}
                  loading={remove.isPending}
                >
                  <IconTrash size={18} aria-hidden="true" />
                </ActionIcon>
              ) : null}
            </Group>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/** The lines of a cart as a list that works from a phone to a desktop. */
export function CartLines({ cart, place, canEdit }: { cart: Cart; place: CartPlace; canEdit: boolean }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} data-testid="cart-lines">
      {cart.lines.map((line) => (
        <Line
          key={line.variantId}
          line={line}
          currency={cart.currency}
          place={place}
          cartId={cart.id}
          canEdit={canEdit}
        />
      ))}
    </Stack>
  );
}
