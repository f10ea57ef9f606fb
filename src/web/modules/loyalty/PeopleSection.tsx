import { Button, Divider, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { ledgerQuery } from './api';
import { EntryRow } from './EntryRow';

/** Staff: find a member by e-mail or card, see their ledger and adjust it with a reason. */
export function PeopleSection() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const find = useMutation({
    mutationFn: (text: string) =>
      api<{ personId: string }>('/api/v1/admin/loyalty/people', { query: { q: text } }),
    onSuccess: (r) => {
      setNotFound(false);
      setPersonId(r.personId);
    },
    onError: () => {
      setNotFound(true);
      setPersonId(null);
    },
  });
  return (
    <Stack gap="md">
      <Paper
        withBorder
        p="md"
        component="form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim().length >= 3) find.mutate(q.trim());
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('loyalty.admin.people.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: '1 1 16rem' }}
          />
          <Button type="submit" leftSection={<IconSearch size={16} />} loading={find.isPending}>
            {t('loyalty.admin.people.find')}
          </Button>
        </Group>
        {notFound ? (
          <Text c="red.8" size="sm" mt="xs" role="alert">
            {t('loyalty.admin.people.notFound')}
          </Text>
        ) : null}
      </Paper>
      {personId ? <Ledger personId={personId} /> : null}
    </Stack>
  );
}

function Ledger({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery(ledgerQuery(personId));
  const [points, setPoints] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const adjust = useMutation({
    mutationFn: () =>
      api(`/api/v1/admin/loyalty/people/${encodeURIComponent(personId)}/adjustments`, {
        method: 'POST',
        json: { points, reason },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    onSuccess: () => {
      setPoints('');
      setReason('');
      notifications.show({ color: 'teal', message: t('loyalty.admin.people.adjusted') });
      return client.invalidateQueries({ queryKey: ['loyalty', 'admin', 'person', personId] });
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        message: isApiError(e) ? e.errors.map((x) => x.message).join('; ') || e.message : String(e),
      }),
  });
  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  return (
    <Stack gap="md" data-testid="loyalty-admin-ledger">
      <Paper withBorder p="md">
        <Title order={3} size="h4">
          {data.person.name}
        </Title>
        <Text size="sm" c="dimmed">
          {data.person.email} · {t('loyalty.admin.people.card', { number: data.cardNumber })}
          {data.tierCode ? ` · ${data.tierCode}` : ''}
        </Text>
        <Text fw={700} fz="xl" mt="xs">
          {t('loyalty.admin.people.balance')}: {t('loyalty.points', { count: data.balance })}
        </Text>
      </Paper>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-labelledby="loyalty-adjust-title"
        onSubmit={(e) => {
          e.preventDefault();
          adjust.mutate();
        }}
      >
        <Title order={3} size="h5" id="loyalty-adjust-title" mb="xs">
          {t('loyalty.admin.people.adjustTitle')}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <NumberInput
            label={t('loyalty.admin.people.adjustPoints')}
            value={points}
            allowDecimal={false}
            w={200}
            required
            onChange={(v) => setPoints(typeof v === 'number' ? v : '')}
          />
          <TextInput
            label={t('loyalty.admin.people.adjustReason')}
            value={reason}
            required
            minLength={3}
            style={{ flex: '1 1 16rem' }}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            type="submit"
            loading={adjust.isPending}
            disabled={points === '' || points === 0 || reason.trim().length < 3}
          >
            {t('loyalty.admin.people.adjust')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder px="md" py="xs">
        <Title order={3} size="h5" py="xs">
          {t('loyalty.admin.people.ledger')}
        </Title>
        {data.entries.items.map((e, i) => (
          <div key={e.id}>
            {i > 0 ? <Divider /> : null}
            <EntryRow entry={e} linkOrders={false} />
          </div>
        ))}
      </Paper>
    </Stack>
  );
}
