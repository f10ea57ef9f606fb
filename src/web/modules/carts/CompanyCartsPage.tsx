import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  type Cart,
  type CartPlace,
  type CartSummary,
  cartListQuery,
  cartQuery,
  useCanEditCarts,
} from './api';
import { CartPanel } from './CartPanel';

const cartsPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/carts`;

/** The name a cart is shown by: its own, or "My cart" for a member's default one. */
function useCartName() {
  const { t } = useTranslation();
  return (cart: Pick<CartSummary, 'name'>) => cart.name ?? t('carts.defaultName');
}

/** Creates a named cart (shopping list), private or shared, and opens it. */
function NewCartForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const create = useMutation({
    mutationFn: () => api<Cart>(`/api/v1${cartsPath(orgId)}`, { method: 'POST', json: { name, shared } }),
    onSuccess: async (cart) => {
      await client.invalidateQueries({ queryKey: ['carts', 'org', orgId] });
      void navigate({ to: `${cartsPath(orgId)}/${cart.id}` });
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('carts.company.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={100}
          required
          style={{ flex: 1, minWidth: 200 }}
          data-testid="new-cart-name"
        />
        <Checkbox
          label={t('carts.company.shared')}
          checked={shared}
          onChange={(e) => setShared(e.currentTarget.checked)}
          mb={8}
        />
        <Button
          type="submit"
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          loading={create.isPending}
          disabled={!name.trim()}
        >
          {t('carts.company.create')}
        </Button>
      </Group>
    </Paper>
  );
}

/** `/orgs/:orgId/carts`: the member's carts and the shared ones, and a form for a new named cart. */
export function CompanyCartsPage() {
  const { t } = useTranslation();
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  usePageTitle(t('carts.companyTitle'));
  const place: CartPlace = { kind: 'org', orgId };
  const list = useQuery(cartListQuery(place));
  const canEdit = useCanEditCarts(place);
  const nameOf = useCartName();
  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('carts.companyTitle')} description={t('carts.companyDescription')} />
      {canEdit ? <NewCartForm orgId={orgId} /> : null}
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} data-testid="company-carts">
          {list.data.map((c) => (
            <Paper key={c.id} withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Anchor
                    renderRoot={(props) => <Link to={`${cartsPath(orgId)}/${c.id}`} {...props} />}
                    fw={600}
                  >
                    {nameOf(c)}
                  </Anchor>
                  <Group gap={4}>
                    {c.isDefault ? <Badge variant="light">{t('carts.company.defaultBadge')}</Badge> : null}
                    {c.shared ? (
                      <Badge variant="light" color="teal">
                        {t('carts.company.sharedBadge')}
                      </Badge>
                    ) : null}
                    {!c.mine && c.createdBy ? (
                      <Badge variant="outline" color="gray">
                        {t('carts.company.byBadge', { name: c.createdBy.name })}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
                <Text size="sm" c="dimmed">
                  {t('carts.company.lines', { count: c.lineCount })}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** `/orgs/:orgId/carts/:cartId`: one company cart; its creator may rename, share or delete it. */
export function CompanyCartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { orgId, cartId } = useParams({ strict: false }) as { orgId: string; cartId: string };
  const place: CartPlace = { kind: 'org', orgId };
  const cart = useQuery(cartQuery(place, cartId));
  const canEdit = useCanEditCarts(place);
  const nameOf = useCartName();
  const title = cart.data ? nameOf(cart.data) : t('carts.title');
  usePageTitle(title);
  const remove = useMutation({
    mutationFn: () => api(`/api/v1${cartsPath(orgId)}/${cartId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['carts', 'org', orgId] });
      void navigate({ to: cartsPath(orgId) });
    },
  });
  const deletable = canEdit && cart.data?.mine && !cart.data.isDefault;
  const share = useMutation({
    mutationFn: (shared: boolean) =>
      api<Cart>(`/api/v1${cartsPath(orgId)}/${cartId}`, { method: 'PATCH', json: { shared } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['carts', 'org', orgId] }),
  });
  return (
    <Stack gap={0}>
      <PageHeader
        title={title}
        above={
          <Anchor size="sm" renderRoot={(props) => <Link to={cartsPath(orgId)} {...props} />}>
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden="true" />
              {t('carts.company.back')}
            </Group>
          </Anchor>
        }
        actions={
          deletable && cart.data ? (
            <>
              <Switch
                label={t('carts.company.shared')}
                checked={cart.data.shared}
                disabled={share.isPending}
                onChange={(e) => share.mutate(e.currentTarget.checked)}
                data-testid="cart-shared"
              />
              <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('carts.company.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      <CartPanel place={place} cartId={cartId} canEdit={canEdit} />
    </Stack>
  );
}
