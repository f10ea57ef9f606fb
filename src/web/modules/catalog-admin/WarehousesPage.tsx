import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingWarehouse, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { fieldErrors, send, type Warehouse, warehousesQuery } from './api';
import { CatalogTabs } from './CatalogTabs';

/** Back office: warehouses — name, address, delivery days, active. */
export function WarehousesPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog-admin.warehouses.title'));
  const list = useQuery(warehousesQuery);
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconBuildingWarehouse size={28} />}
        title={t('catalog-admin.warehouses.empty')}
      />
    );
  else
    body = (
      <Stack gap="xs">
        {list.data.map((w) => (
          <Paper key={w.id} withBorder p="sm">
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={600}>{w.name}</Text>
                  {w.isActive ? null : <Badge color="gray">{t('catalog-admin.warehouses.inactive')}</Badge>}
                </Group>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[w.address, t('catalog-admin.warehouses.days', { count: w.deliveryDays })]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </div>
              <ActionIcon
                variant="subtle"
                aria-label={t('catalog-admin.edit', { name: w.name })}
                onClick={() => setEditing(w)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader
        title={t('catalog-admin.warehouses.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('catalog-admin.warehouses.create')}
          </Button>
        }
      />
      <CatalogTabs active="warehouses" />
      {body}
      {editing ? (
        <WarehouseModal warehouse={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function WarehouseModal({ warehouse, onClose }: { warehouse: Warehouse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(warehouse?.name ?? '');
  const [address, setAddress] = useState(warehouse?.address ?? '');
  const [days, setDays] = useState<number | string>(warehouse?.deliveryDays ?? 1);
  const [active, setActive] = useState(warehouse?.isActive ?? true);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        address: address.trim() || null,
        deliveryDays: typeof days === 'number' ? days : 0,
        isActive: active,
      };
      return warehouse
        ? send('PATCH', `/warehouses/${warehouse.id}`, body)
        : send('POST', '/warehouses', body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['catalog-admin', 'warehouses'] });
      onClose();
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  const e = fieldErrors(save.error);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={warehouse?.name ?? t('catalog-admin.warehouses.create')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('catalog-admin.warehouses.name')}
            required
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label={t('catalog-admin.warehouses.address')}
            value={address}
            onChange={(ev) => setAddress(ev.currentTarget.value)}
            error={e.address}
          />
          <NumberInput
            label={t('catalog-admin.warehouses.deliveryDays')}
            min={0}
            max={365}
            value={days}
            onChange={setDays}
            error={e.deliveryDays}
          />
          <Switch
            label={t('catalog-admin.warehouses.active')}
            checked={active}
            onChange={(ev) => setActive(ev.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('catalog-admin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('catalog-admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
