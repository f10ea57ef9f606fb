import { Button, Card, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { approvalSettingsQuery, formatMoney, rulesQuery } from './api';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Company admins set approval rules (amount, categories, roles) and how long stock is held. */
export function ApprovalRulesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('orders.rules.title'));
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  const base = `/api/v1/orgs/${encodeURIComponent(orgId)}`;
  const client = useQueryClient();
  const rules = useQuery(rulesQuery(orgId));
  const settings = useQuery(approvalSettingsQuery(orgId));
  const [hold, setHold] = useState<number | string>(48);
  useEffect(() => {
    if (settings.data) setHold(settings.data.holdHours);
  }, [settings.data]);
  const [draft, setDraft] = useState({ name: '', amountOver: '', categories: '', roles: '' });
  const refresh = () => client.invalidateQueries({ queryKey: ['orgs', orgId, 'approval-rules'] });
  const write = useMutation({
    mutationFn: (r: { method: 'POST' | 'PATCH' | 'DELETE' | 'PUT'; path: string; json?: unknown }) =>
      api<unknown>(`${base}${r.path}`, { method: r.method, ...(r.json ? { json: r.json } : {}) }),
    onSuccess: refresh,
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({
      method: 'POST',
      path: '/approval-rules',
      json: {
        name: draft.name,
        amountOver: draft.amountOver ? Math.round(Number(draft.amountOver) * 100) : null,
        categoryIds: list(draft.categories),
        roles: list(draft.roles),
      },
    });
    setDraft({ name: '', amountOver: '', categories: '', roles: '' });
  };
  return (
    <Stack gap="md" maw={820}>
      <PageHeader title={t('orders.rules.title')} description={t('orders.rules.description')} />
      <Card withBorder>
        <Group align="flex-end" gap="xs">
          <NumberInput
            label={t('orders.rules.holdHours')}
            min={1}
            max={720}
            value={hold}
            onChange={setHold}
            w={200}
          />
          <Button
            variant="light"
            onClick={() =>
              write.mutate({ method: 'PUT', path: '/approval-settings', json: { holdHours: Number(hold) } })
            }
          >
            {t('orders.rules.save')}
          </Button>
        </Group>
      </Card>
      {rules.isPending ? (
        <ListSkeleton />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.items.length === 0 ? (
        <StateMessage
          color="gray"
          icon={<IconListCheck size={28} />}
          title={t('orders.rules.empty')}
          testId="rules-empty"
        />
      ) : (
        <Stack gap="xs">
          {rules.data.items.map((r) => (
            <Card withBorder key={r.id} padding="sm">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Text fw={600}>{r.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t('orders.rules.amountOver')}:{' '}
                    {r.amountOver === null ? t('orders.rules.any') : formatMoney(r.amountOver, i18n.language)}{' '}
                    · {t('orders.rules.roles')}: {r.roles.join(', ') || t('orders.rules.any')}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Switch
                    label={t('orders.rules.active')}
                    checked={r.isActive}
                    onChange={(e) =>
                      write.mutate({
                        method: 'PATCH',
                        path: `/approval-rules/${r.id}`,
                        json: { isActive: e.currentTarget.checked },
                      })
                    }
                  />
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    onClick={() => write.mutate({ method: 'DELETE', path: `/approval-rules/${r.id}` })}
                  >
                    {t('orders.rules.delete')}
                  </Button>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Card withBorder component="form" onSubmit={add}>
        <Stack gap="xs">
          <TextInput
            required
            label={t('orders.rules.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <TextInput
            inputMode="decimal"
            label={t('orders.rules.amountOver')}
            value={draft.amountOver}
            onChange={(e) => setDraft({ ...draft, amountOver: e.currentTarget.value })}
          />
          <TextInput
            label={t('orders.rules.categories')}
            value={draft.categories}
            onChange={(e) => setDraft({ ...draft, categories: e.currentTarget.value })}
          />
          <TextInput
            label={t('orders.rules.roles')}
            value={draft.roles}
            onChange={(e) => setDraft({ ...draft, roles: e.currentTarget.value })}
          />
          <Group>
            <Button type="submit" loading={write.isPending}>
              {t('orders.rules.add')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
