import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { type AdminTier, money, problemText, sendTiers, tierName, tiersKey, tiersQuery } from './api';

/** Back office: the tiers, the rolling period they are decided over, and a recalculation on demand. */
export function TiersPage() {
  const { t } = useTranslation();
  usePageTitle(t('loyalty-card.tiers.title'));
  const tiers = useQuery(tiersQuery);
  let body: React.ReactNode;
  if (isApiError(tiers.error, 401, 403)) body = <NoAccess />;
  else if (tiers.isError) body = <ErrorState error={tiers.error} onRetry={() => void tiers.refetch()} />;
  else if (!tiers.data) body = <ListSkeleton />;
  else
    body = (
      <Stack gap="xl">
        <TierTable tiers={tiers.data.items} />
        <PeriodForm periodDays={tiers.data.periodDays} />
      </Stack>
    );
  return (
    <>
      <PageHeader
        title={t('loyalty-card.tiers.title')}
        description={t('loyalty-card.tiers.description')}
        actions={<Recalculate />}
      />
      {body}
    </>
  );
}

function Recalculate() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: () =>
      sendTiers<{ changed: number; upgraded: number; downgraded: number }>('POST', '/recalculate'),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: tiersKey });
      notifications.show({ color: 'green', message: t('loyalty-card.tiers.recalculated', r) });
    },
    onError: (error) => notifications.show({ color: 'red', message: problemText(error) }),
  });
  return (
    <Button leftSection={<IconRefresh size={16} />} loading={run.isPending} onClick={() => run.mutate()}>
      {t('loyalty-card.tiers.recalculate')}
    </Button>
  );
}

function TierTable({ tiers }: { tiers: AdminTier[] }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState<AdminTier | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (code: string) => sendTiers('DELETE', `/${code}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tiersKey }),
    onError: (error) => notifications.show({ color: 'red', message: problemText(error) }),
  });
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-labelledby="tiers-list"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="tiers-list">
          {t('loyalty-card.tiers.list')}
        </Title>
        {tiers.length === 0 ? (
          <Text c="dimmed" role="status">
            {t('loyalty-card.tiers.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped withTableBorder verticalSpacing="xs" data-testid="tiers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('loyalty-card.tiers.name')}</Table.Th>
                  <Table.Th>{t('loyalty-card.tiers.minSpend')}</Table.Th>
                  <Table.Th>{t('loyalty-card.tiers.accrual')}</Table.Th>
                  <Table.Th>{t('loyalty-card.tiers.holders')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('loyalty-card.tiers.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tiers.map((tier) => {
                  const name = tierName(tier, i18n.language);
                  return (
                    <Table.Tr key={tier.code} data-testid={`tier-${tier.code}`}>
                      <Table.Td>
                        <Text fw={500}>{name}</Text>
                        <Text size="sm" c="dimmed" ff="monospace">
                          {tier.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>{money(tier.minSpend, i18n.language)}</Table.Td>
                      <Table.Td>{`${tier.accrualBp / 100} %`}</Table.Td>
                      <Table.Td>{tier.holders}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('loyalty-card.tiers.edit', { name })}
                            onClick={() => setEditing(tier)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('loyalty-card.tiers.remove', { name })}
                            onClick={() => {
                              if (
                                window.confirm(
                                  t('loyalty-card.tiers.confirmRemove', { name, count: tier.holders }),
                                )
                              )
                                remove.mutate(tier.code);
                            }}
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
            {t('loyalty-card.tiers.create')}
          </Button>
        </Group>
      </Stack>
      {editing ? (
        <TierModal tier={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Paper>
  );
}

function TierModal({ tier, onClose }: { tier: AdminTier | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState(tier?.code ?? '');
  const [ru, setRu] = useState(tier?.names.ru ?? '');
  const [en, setEn] = useState(tier?.names.en ?? '');
  const [minRub, setMinRub] = useState<number | string>(tier ? tier.minSpend / 100 : 0);
  const [percent, setPercent] = useState<number | string>(tier ? tier.accrualBp / 100 : 5);
  const [position, setPosition] = useState<number | string>(tier?.position ?? 0);
  const body = {
    names: { ru, en },
    minSpend: Math.round((Number(minRub) || 0) * 100),
    accrualBp: Math.round((Number(percent) || 0) * 100),
    position: Number(position) || 0,
  };
  const save = useMutation({
    mutationFn: () =>
      tier ? sendTiers('PUT', `/${tier.code}`, body) : sendTiers('POST', '', { code, ...body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tiersKey });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={tier ? t('loyalty-card.tiers.editTitle') : t('loyalty-card.tiers.create')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('loyalty-card.tiers.code')}
            description={t('loyalty-card.tiers.codeHint')}
            value={code}
            disabled={tier !== null}
            onChange={(ev) => setCode(ev.currentTarget.value)}
            required
          />
          <TextInput
            label={t('loyalty-card.tiers.nameRu')}
            value={ru}
            onChange={(ev) => setRu(ev.currentTarget.value)}
            required
          />
          <TextInput
            label={t('loyalty-card.tiers.nameEn')}
            value={en}
            onChange={(ev) => setEn(ev.currentTarget.value)}
            required
          />
          <NumberInput
            label={t('loyalty-card.tiers.minSpendRub')}
            min={0}
            thousandSeparator=" "
            value={minRub}
            onChange={setMinRub}
            required
          />
          <NumberInput
            label={t('loyalty-card.tiers.accrualPercent')}
            min={0}
            max={100}
            decimalScale={2}
            value={percent}
            onChange={setPercent}
            required
          />
          <NumberInput
            label={t('loyalty-card.tiers.position')}
            min={0}
            value={position}
            onChange={setPosition}
          />
          {save.isError ? (
            <Alert color="red" role="alert">
              {problemText(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('loyalty-card.tiers.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('loyalty-card.tiers.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PeriodForm({ periodDays }: { periodDays: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [days, setDays] = useState<number | string>(periodDays);
  const save = useMutation({
    mutationFn: () => sendTiers('PUT', '/settings', { periodDays: Number(days) || 0 }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tiersKey });
      notifications.show({ color: 'green', message: t('loyalty-card.tiers.saved') });
    },
  });
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-labelledby="tiers-period"
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="tiers-period">
            {t('loyalty-card.tiers.period')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('loyalty-card.tiers.periodHint')}
          </Text>
          <Group align="flex-end" gap="xs">
            <NumberInput
              label={t('loyalty-card.tiers.periodDays')}
              min={1}
              max={3660}
              value={days}
              onChange={setDays}
              w={180}
              required
            />
            <Button type="submit" loading={save.isPending}>
              {t('loyalty-card.tiers.save')}
            </Button>
          </Group>
          {save.isError ? (
            <Alert color="red" role="alert">
              {problemText(save.error)}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
