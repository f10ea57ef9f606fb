import { Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { apiBase, formatMoney, type Order, type OrderScope } from './api';

/** The answer of `POST …/orders/:id/repeat` (docs/orders.md). */
interface RepeatResult {
  cartId: string;
  added: number;
  corrected: Array<{ variantId: string; asked: number; set: number; reason: string }>;
  unavailable: Array<{ variantId: string; reason: string }>;
}

/** What the cart says about a line now (the carts API, read only for the price). */
interface CartNow {
  lines: Array<{ variantId: string; unitPrice: number | null }>;
}

/** Where the cart of the answer is shown: the person's cart page, or the company cart's page. */
export function repeatCartPath(scope: OrderScope, cartId: string): string {
  return scope.kind === 'me' ? '/cart' : `/orgs/${scope.orgId}/carts/${cartId}`;
}

function Section({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm" spacing={0}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

/**
 * "Repeat the order": one click puts the order's lines into a cart (re-priced by the server), opens that cart and
 * says which lines could not be added, which quantities were corrected and which prices changed since the order.
 */
export function RepeatOrderButton({ order, scope }: { order: Order; scope: OrderScope }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const repeat = useMutation({
    mutationFn: async () => {
      const base = apiBase(scope);
      const result = await api<RepeatResult>(`${base}/orders/${order.id}/repeat`, {
        method: 'POST',
        json: {},
      });
      // The price check is a courtesy: the cart page re-prices anyway, so a failed read only skips it.
      const cart = await api<CartNow>(`${base}/carts/${encodeURIComponent(result.cartId)}`).catch(() => null);
      return { result, cart };
    },
    onSuccess: async ({ result, cart }) => {
      const byVariant = new Map(order.lines.map((l) => [l.variantId, l]));
      const nameOf = (variantId: string) => {
        const line = byVariant.get(variantId);
        return line ? `${line.sku} ${line.name}` : variantId;
      };
      const money = (k: number) => formatMoney(k, i18n.language, order.currency);
      const unavailable = result.unavailable.map((u) => nameOf(u.variantId));
      const corrected = result.corrected.map((c) =>
        t('orders.repeat.correctedLine', { name: nameOf(c.variantId), asked: c.asked, set: c.set }),
      );
      const repriced = (cart?.lines ?? []).flatMap((now) => {
        const was = byVariant.get(now.variantId);
        if (!was || now.unitPrice === null || now.unitPrice === was.unitPrice) return [];
        return [
          t('orders.repeat.repricedLine', {
            name: nameOf(now.variantId),
            was: money(was.unitPrice),
            now: money(now.unitPrice),
          }),
        ];
      });
      const problems = unavailable.length + corrected.length + repriced.length;
      const message: ReactNode = (
        <Stack gap="xs" c="var(--mantine-color-text)" data-testid="repeat-report">
          {problems === 0 ? (
            <Text size="sm">{t('orders.repeat.allAdded', { count: result.added })}</Text>
          ) : null}
          <Section title={t('orders.repeat.unavailable')} items={unavailable} />
          <Section title={t('orders.repeat.corrected')} items={corrected} />
          <Section title={t('orders.repeat.repriced')} items={repriced} />
        </Stack>
      );
      notifications.show({
        title: t('orders.repeat.done'),
        message,
        color: unavailable.length ? 'orange' : 'teal',
        // A list of problems stays until the person closes it; good news goes away by itself.
        autoClose: problems ? false : 6000,
      });
      await client.invalidateQueries({ queryKey: ['carts'] });
      await navigate({ to: repeatCartPath(scope, result.cartId) });
    },
    onError: (error) =>
      notifications.show({
        title: t('orders.repeat.failed'),
        message: (error as Error).message,
        color: 'red',
      }),
  });
  if (order.can.repeat === false) return null;
  return (
    <Button
      variant="light"
      leftSection={<IconRepeat size={16} aria-hidden="true" />}
      loading={repeat.isPending}
      onClick={() => repeat.mutate()}
      data-testid="order-repeat"
    >
      {t('orders.repeat.button')}
    </Button>
  );
}
