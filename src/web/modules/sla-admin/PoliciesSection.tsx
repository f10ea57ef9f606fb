import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allSlaQueries, type Policy, type Priority, priorities, problemText, send } from './api';
import { duration } from './format';
import { Section } from './Section';

type CustomerGroup = { id: string; name: string };

/** The targets per priority and customer group; a group without its own row uses the one for everyone. */
export function PoliciesSection({ policies, groups }: { policies: Policy[]; groups: CustomerGroup[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => send('DELETE', `/policies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: allSlaQueries }),
    onError: (error) => notifications.show({ color: 'red', message: problemText(error) }),
  });
  return (
    <Section id="sla-policies" title={t('sla-admin.policies.title')} hint={t('sla-admin.policies.hint')}>
      {policies.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('sla-admin.policies.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={340}>
          <Table striped withTableBorder verticalSpacing="xs" data-testid="sla-policies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sla-admin.priority')}</Table.Th>
                <Table.Th>{t('sla-admin.policies.firstResponse')}</Table.Th>
                <Table.Th>{t('sla-admin.policies.resolution')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('sla-admin.days.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.map((p) => {
                const name = `${t(`sla-admin.priorities.${p.priority}`)} · ${p.customerGroupName ?? t('sla-admin.everyone')}`;
                return (
                  <Table.Tr key={p.id} data-testid={`sla-policy-${p.priority}-${p.customerGroupId ?? 'all'}`}>
                    <Table.Td>
                      <Text fw={500}>{t(`sla-admin.priorities.${p.priority}`)}</Text>
                      <Text size="sm" c="dimmed">
                        {p.customerGroupName ?? t('sla-admin.everyone')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{duration(t, p.firstResponseMinutes)}</Table.Td>
                    <Table.Td>{duration(t, p.resolutionMinutes)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('sla-admin.policies.edit', { name })}
                          onClick={() => setEditing(p)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('sla-admin.policies.remove', { name })}
                          onClick={() => remove.mutate(p.id)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('sla-admin.policies.create')}
        </Button>
      </Group>
      {editing ? (
        <PolicyModal
          policy={editing === 'new' ? null : editing}
          groups={groups}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Section>
  );
}

function PolicyModal({
  policy,
  groups,
  onClose,
}: {
  policy: Policy | null;
  groups: CustomerGroup[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [priority, setPriority] = useState<Priority>(policy?.priority ?? 'normal');
  const [group, setGroup] = useState(policy?.customerGroupId ?? '');
  const [first, setFirst] = useState<number | string>(policy?.firstResponseMinutes ?? 240);
  const [resolution, setResolution] = useState<number | string>(policy?.resolutionMinutes ?? 1440);
  const minutes = { firstResponseMinutes: Number(first) || 0, resolutionMinutes: Number(resolution) || 0 };
  const save = useMutation({
    mutationFn: () =>
      policy
        ? send('PATCH', `/policies/${policy.id}`, minutes)
        : send('POST', '/policies', { priority, customerGroupId: group || null, ...minutes }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: allSlaQueries });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={policy ? t('sla-admin.policies.editTitle') : t('sla-admin.policies.create')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('sla-admin.priority')}
            data={priorities.map((value) => ({ value, label: t(`sla-admin.priorities.${value}`) }))}
            value={priority}
            allowDeselect={false}
            disabled={policy !== null}
            onChange={(v) => setPriority((v as Priority | null) ?? 'normal')}
          />
          <Select
            label={t('sla-admin.group')}
            data={[
              { value: '', label: t('sla-admin.everyone') },
              ...groups.map((g) => ({ value: g.id, label: g.name })),
            ]}
            value={group}
            allowDeselect={false}
            disabled={policy !== null}
            onChange={(v) => setGroup(v ?? '')}
          />
          <NumberInput
            label={t('sla-admin.policies.firstResponseMinutes')}
            min={1}
            value={first}
            onChange={setFirst}
            required
          />
          <NumberInput
            label={t('sla-admin.policies.resolutionMinutes')}
            min={1}
            value={resolution}
            onChange={setResolution}
            required
          />
          {save.isError ? (
            <Alert color="red" role="alert">
              {problemText(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('sla-admin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sla-admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
