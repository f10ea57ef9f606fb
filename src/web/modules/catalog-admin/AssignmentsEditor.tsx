import { Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupsQuery, type PriceList, send } from './api';

/** Assigns a price list to a customer group (the group's previous list is replaced) or removes assignments. */
export function AssignmentsEditor({ list }: { list: PriceList }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const groups = useQuery(groupsQuery);
  const [groupId, setGroupId] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['catalog-admin', 'price-lists'] });
  const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const assign = useMutation({
    mutationFn: () => send('POST', `/price-lists/${list.id}/assignments`, { customerGroupId: groupId }),
    onSuccess: () => {
      setGroupId(null);
      refresh();
    },
    onError,
  });
  const unassign = useMutation({
    mutationFn: (id: string) => send('DELETE', `/price-lists/${list.id}/assignments/${id}`),
    onSuccess: refresh,
    onError,
  });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        aria-label={t('catalog-admin.prices.assignTo', { name: list.name })}
        placeholder={t('catalog-admin.prices.chooseGroup')}
        data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        value={groupId}
        onChange={setGroupId}
        w={200}
      />
      <Button
        variant="default"
        disabled={!groupId}
        loading={assign.isPending}
        onClick={() => assign.mutate()}
      >
        {t('catalog-admin.prices.assign')}
      </Button>
      {list.assignments.length > 0 ? (
        <Button
          variant="subtle"
          color="red"
          loading={unassign.isPending}
          onClick={() => {
            for (const a of list.assignments) unassign.mutate(a.id);
          }}
        >
          {t('catalog-admin.prices.unassignAll')}
        </Button>
      ) : null}
    </Group>
  );
}
