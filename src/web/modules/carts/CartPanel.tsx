import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { useCatalogFormat } from '../catalog/format';
import { type CartPlace, type ChangeResult, cartBase, cartQuery, checkoutPath, useCartMutation } from './api';
import { CartLines } from './CartLines';
import { QuickOrder } from './QuickOrder';

/** A cart with its lines, totals, "Checkout" and quick order; loading, empty and error states included. */
export function CartPanel({
  place,
  cartId,
  canEdit,
}: {
  place: CartPlace;
  cartId: string | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const cart = useQuery(cartQuery(place, cartId));
  const clear = useCartMutation(place, () =>
    api<ChangeResult>(`${cartBase(place, cartId)}/lines`, { method: 'DELETE' }),
  );
  const catalogLink = place.kind === 'org' ? `/orgs/${encodeURIComponent(place.orgId)}/catalog` : '/catalog';
  let body: React.ReactNode;
  if (cart.isPending) body = <ListSkeleton rows={3} />;
  else if (cart.isError) body = <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
  else if (!cart.data || cart.data.lines.length === 0)
    body = (
      <StateMessage
        icon={<IconShoppingCart size={28} />}
        title={t('carts.empty')}
        description={t('carts.emptyHint')}
        role="status"
        testId="cart-empty"
        actions={
          <Button component={Link} to={catalogLink} variant="light">
            {t('carts.toCatalog')}
          </Button>
        }
      />
    );
  else {
    const c = cart.data;
    body = (
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <CartLines cart={c} place={place} canEdit={canEdit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper
            withBorder
            p="md"
            component="section"
            aria-labelledby="cart-totals"
            data-testid="cart-totals"
          >
            <Stack gap="xs">
              <Title order={2} size="h4" id="cart-totals">
                {t('carts.totals.title')}
              </Title>
              <Text size="sm">{t('carts.totals.items', { count: c.totals.items })}</Text>
              {c.totals.weight ? (
                <Text size="sm">{t('carts.totals.weight', { value: format.quantity(c.totals.weight) })}</Text>
              ) : null}
              <Group justify="space-between">
                <Text>{t('carts.totals.sum')}</Text>
                <Text fw={700} size="xl" data-testid="cart-sum">
                  {format.money(c.totals.sum, c.currency)}
                </Text>
              </Group>
              {/* Checkout is the orders module's page; it reads the cart id from the query string. */}
              {place.kind !== 'guest' ? (
                <Button component="a" href={checkoutPath(place, c.id)} size="md" data-testid="cart-checkout">
                  {t('carts.checkout')}
                </Button>
              ) : (
                <Button
                  component={Link}
                  to="/sign-in"
                  search={{ redirect: '/cart' } as never}
                  size="md"
                  data-testid="cart-checkout"
                >
                  {t('carts.checkout')}
                </Button>
              )}
              {canEdit ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden="true" />}
                  onClick={() => clear.mutate(undefined)}
                  loading={clear.isPending}
                >
                  {t('carts.clear')}
                </Button>
              ) : null}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    );
  }
  return (
    <Stack gap="md">
      {!canEdit ? <Alert color="gray">{t('carts.company.readOnly')}</Alert> : null}
      {body}
      {canEdit ? <QuickOrder place={place} cartId={cartId} /> : null}
    </Stack>
  );
}
