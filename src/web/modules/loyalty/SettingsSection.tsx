import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { type PointsSettings, settingsQuery } from './api';

const numberFields = [
  'pointValue',
  'baseAccrualBp',
  'maxShareBp',
  'lifetimeDays',
  'welcomePoints',
  'birthdayPoints',
  'birthdayLifetimeDays',
] as const;

/** The bonus rules form (admin): point value, rates, share, lifetimes, bonuses and category multipliers. */
export function SettingsSection() {
  const { t } = useTranslation();
  const query = useQuery(settingsQuery);
  const client = useQueryClient();
  const [form, setForm] = useState<PointsSettings | null>(null);
  // Stable React keys of the multiplier rows (a row's key must not change while its category id is typed).
  const [rowKeys, setRowKeys] = useState<string[]>([]);
  useEffect(() => {
    if (!query.data) return;
    setForm(query.data);
    setRowKeys(query.data.categoryMultipliers.map(() => crypto.randomUUID()));
  }, [query.data]);
  const save = useMutation({
    mutationFn: (value: PointsSettings) =>
      api<PointsSettings>('/api/v1/admin/loyalty/settings', { method: 'PUT', json: value }),
    onSuccess: (saved) => {
      client.setQueryData(settingsQuery.queryKey, saved);
      notifications.show({ color: 'teal', message: t('loyalty.admin.settings.saved') });
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        message: isApiError(e)
          ? e.errors.map((x) => `${x.path}: ${x.message}`).join('; ') || e.message
          : String(e),
      }),
  });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!form) return <ListSkeleton rows={4} />;
  const set = (patch: Partial<PointsSettings>) => setForm({ ...form, ...patch });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {numberFields.map((field) => (
            <NumberInput
              key={field}
              label={t(`loyalty.admin.settings.${field}`)}
              value={form[field]}
              min={0}
              allowDecimal={false}
              onChange={(v) => set({ [field]: typeof v === 'number' ? v : Number(v) || 0 })}
            />
          ))}
        </SimpleGrid>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('loyalty.admin.settings.multipliers')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('loyalty.admin.settings.multipliersHint')}
          </Text>
          {form.categoryMultipliers.map((m, i) => (
            <Group key={rowKeys[i] ?? m.categoryId} align="flex-end" wrap="wrap">
              <TextInput
                label={t('loyalty.admin.settings.categoryId')}
                value={m.categoryId}
                style={{ flex: '1 1 16rem' }}
                onChange={(e) => {
                  const next = [...form.categoryMultipliers];
                  next[i] = { ...m, categoryId: e.currentTarget.value.trim() };
                  set({ categoryMultipliers: next });
                }}
              />
              <NumberInput
                label={t('loyalty.admin.settings.multiplierBp')}
                value={m.multiplierBp}
                min={0}
                allowDecimal={false}
                w={160}
                onChange={(v) => {
                  const next = [...form.categoryMultipliers];
                  next[i] = { ...m, multiplierBp: typeof v === 'number' ? v : Number(v) || 0 };
                  set({ categoryMultipliers: next });
                }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('loyalty.admin.settings.remove')}
                onClick={() => {
                  set({ categoryMultipliers: form.categoryMultipliers.filter((_, j) => j !== i) });
                  setRowKeys(rowKeys.filter((_, j) => j !== i));
                }}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                set({
                  categoryMultipliers: [
                    ...form.categoryMultipliers,
                    { categoryId: '', multiplierBp: 20_000 },
                  ],
                });
                setRowKeys([...rowKeys, crypto.randomUUID()]);
              }}
            >
              {t('loyalty.admin.settings.addMultiplier')}
            </Button>
          </Group>
        </Stack>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('loyalty.admin.settings.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
