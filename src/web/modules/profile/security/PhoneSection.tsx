import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMessage } from '@tabler/icons-react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../shared/phone';
import { api, isApiError } from '../../../app/api';
import type { TranslationKey } from '../../../i18n/types';
import { CodeStep, PhoneInput, phoneCodeErrorKey, usePhoneNumberStep } from '../../identity/phone/CodeStep';
import { useVerifyPhoneCode } from '../../identity/phone/phone-api';

/** The signed-in person's phone as Better Auth's session knows it (the plugin's phoneNumber field). */
const phoneQuery = queryOptions({
  queryKey: ['profile', 'phone'],
  queryFn: () =>
    api<{ user?: { phoneNumber?: string | null } } | null>('/api/v1/auth/get-session').then(
      (session) => session?.user?.phoneNumber ?? null,
    ),
});

/** Adds or changes the phone number; it is saved only once the code sent to the new number is confirmed. */
export function PhoneSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useQuery(phoneQuery);
  const verify = useVerifyPhoneCode();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<TranslationKey | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { typed, setTyped, phoneError, sending, sendCode, typedPhone } = usePhoneNumberStep(setError);

  const reset = () => {
    setEditing(false);
    setTyped('');
    setSentTo(null);
    setError(null);
  };

  const submitPhone = async (event: FormEvent) => {
    event.preventDefault();
    const phone = typedPhone();
    if (phone && (await sendCode(phone))) setSentTo(phone);
  };

  let body: React.ReactNode;
  if (sentTo) {
    body = (
      <CodeStep
        phone={sentTo}
        submitLabel={t('profile.phone.confirm')}
        submitting={verify.isPending}
        error={error}
        onSubmit={(code) => {
          setError(null);
          verify.mutate(
            { phoneNumber: sentTo, code, change: true },
            {
              onSuccess: () => {
                notifications.show({ message: t('profile.phone.saved'), color: 'teal' });
                reset();
                void client.invalidateQueries({ queryKey: phoneQuery.queryKey });
              },
              onError: (e) =>
                setError(
                  isApiError(e, 400) && e.code === 'PHONE_NUMBER_EXIST'
                    ? 'profile.phone.taken'
                    : phoneCodeErrorKey(e),
                ),
            },
          );
        }}
        onResend={() => sendCode(sentTo)}
        onBack={() => {
          setSentTo(null);
          setError(null);
        }}
      />
    );
  } else if (editing) {
    body = (
      <form onSubmit={submitPhone} noValidate aria-label={t('profile.phone.newNumber')}>
        <Stack gap="sm">
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {t(error)}
            </Alert>
          ) : null}
          <PhoneInput
            label={t('profile.phone.newNumber')}
            value={typed}
            onChange={setTyped}
            error={phoneError}
          />
          <Group gap="sm">
            <Button type="submit" loading={sending} leftSection={<IconMessage size={18} />}>
              {t('identity.phoneCode.send')}
            </Button>
            <Button variant="default" onClick={reset}>
              {t('profile.phone.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  } else {
    body = (
      <Group justify="space-between" gap="sm">
        <Text data-testid="current-phone">
          {current.data ? (
            <Trans
              i18nKey="profile.phone.current"
              values={{ phone: formatPhone(current.data) }}
              components={{ b: <strong /> }}
            />
          ) : (
            t('profile.phone.none')
          )}
        </Text>
        <Button variant="default" onClick={() => setEditing(true)} loading={current.isPending}>
          {current.data ? t('profile.phone.change') : t('profile.phone.add')}
        </Button>
      </Group>
    );
  }

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="phone-title"
      data-testid="phone-section"
    >
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="phone-title">
            {t('profile.phone.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.phone.description')}
          </Text>
        </div>
        {body}
      </Stack>
    </Paper>
  );
}
