import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCake } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { dayText, myLoyaltyQuery } from './api';

/**
 * The birth date for the birthday bonus: told once by the person (`PUT /me/loyalty/birthday`); a change afterwards
 * goes through support, so a date cannot be moved to collect the bonus twice.
 */
export function BirthdaySection({ birthDate }: { birthDate: string | null }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [date, setDate] = useState('');
  const today = new Date().toISOString().slice(0, 10);
  const save = useMutation({
    mutationFn: () => api('/api/v1/me/loyalty/birthday', { method: 'PUT', json: { birthDate: date } }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('loyalty.birthday.saved') });
      await client.invalidateQueries({ queryKey: myLoyaltyQuery.queryKey });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="loyalty-birthday-title">
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconCake size={20} aria-hidden="true" />
        <Title order={2} size="h4" id="loyalty-birthday-title">
          {t('loyalty.birthday.title')}
        </Title>
      </Group>
      {birthDate ? (
        <Text size="sm" data-testid="loyalty-birthday">
          {t('loyalty.birthday.known', { date: dayText(birthDate, i18n.language) })}
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="form"
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Text size="sm" c="dimmed">
            {t('loyalty.birthday.ask')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('loyalty.birthday.date')}
              required
              min="1900-01-01"
              max={today}
              value={date}
              onChange={(ev) => setDate(ev.currentTarget.value)}
              w={190}
              data-testid="loyalty-birthday-input"
            />
            <Button type="submit" loading={save.isPending} disabled={!date}>
              {t('loyalty.birthday.save')}
            </Button>
          </Group>
          {save.isError ? (
            <Alert color="red" role="alert">
              {isApiError(save.error) ? save.error.message : String(save.error)}
            </Alert>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}
