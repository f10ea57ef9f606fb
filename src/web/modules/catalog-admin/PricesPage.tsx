import { Badge, Button, Group, Modal, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconReceipt } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { AssignmentsEditor } from './AssignmentsEditor';
import { fieldErrors, groupsQuery, type PriceList, priceListsQuery, send } from './api';
import { CatalogTabs } from './CatalogTabs';
import { DiscountsSection } from './DiscountsSection';
import { PromosSection } from './PromosSection';

/** Back office: price lists (price types) with assignments, discounts and promotional prices. */
export function PricesPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog-admin.prices.title'));
  const lists = useQuery(priceListsQuery);
  const groups = useQuery(groupsQuery);
  const [creating, setCreating] = useState(false);
  const groupName = (id: string | null) => groups.data?.find((g) => g.id === id)?.name ?? id ?? '';

  let body: React.ReactNode;
  if (lists.isPending) body = <ListSkeleton />;
  else if (isApiError(lists.error, 401, 403)) body = <NoAccess />;
  else if (lists.isError) body = <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />;
  else if (lists.data.length === 0)
    body = (
      <StateMessage role="status" icon={<IconReceipt size={28} />} title={t('catalog-admin.prices.empty')} />
    );
  else
    body = (
      <Stack gap="xs">
        {lists.data.map((l) => (
          <Paper key={l.id} withBorder p="sm">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Group gap="xs">
                  <Text fw={600}>{l.name}</Text>
                  <Text size="sm" c="dimmed" ff="monospace">
                    {l.code}
                  </Text>
                  {l.isDefault ? <Badge>{t('catalog-admin.prices.default')}</Badge> : null}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('catalog-admin.prices.count', { count: l.prices })} · {l.currency}
                </Text>
                <Text size="sm">
                  {l.assignments.length === 0
                    ? t('catalog-admin.prices.unassigned')
                    : l.assignments
                        .map((a) =>
                          a.customerGroupId
                            ? groupName(a.customerGroupId)
                            : t('catalog-admin.prices.company'),
                        )
                        .join(', ')}
                </Text>
              </div>
              <AssignmentsEditor list={l} />
            </Group>
          </Paper>
        ))}
      </Stack>
    );

  return (
    <>
      <PageHeader
        title={t('catalog-admin.prices.title')}
        description={t('catalog-admin.prices.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('catalog-admin.prices.create')}
          </Button>
        }
      />
      <CatalogTabs active="prices" />
      {body}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('catalog-admin.discounts.title')}
      </Title>
      <DiscountsSection />
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('catalog-admin.promos.title')}
      </Title>
      <PromosSection />
      {creating ? <PriceListModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function PriceListModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('RUB');
  const [isDefault, setDefault] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      send<PriceList>('POST', '/price-lists', {
        code: code.trim(),
        name: name.trim(),
        currency: currency.trim().toUpperCase(),
        isDefault,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['catalog-admin', 'price-lists'] });
      notifications.show({ color: 'teal', message: t('catalog-admin.saved') });
      onClose();
    },
  });
  const e = fieldErrors(save.error);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('catalog-admin.prices.create')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('catalog-admin.prices.code')}
            required
            value={code}
            onChange={(ev) => setCode(ev.currentTarget.value)}
            error={e.code}
          />
          <TextInput
            label={t('catalog-admin.prices.name')}
            required
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label={t('catalog-admin.prices.currency')}
            value={currency}
            onChange={(ev) => setCurrency(ev.currentTarget.value)}
            error={e.currency}
          />
          <Switch
            label={t('catalog-admin.prices.makeDefault')}
            checked={isDefault}
            onChange={(ev) => setDefault(ev.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('catalog-admin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('catalog-admin.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
