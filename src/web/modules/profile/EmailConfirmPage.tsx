import { Button, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconMailOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { resetSessionQueries } from '../../app/portal';
import { PageHeader } from '../../ui/PageHeader';
import { StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';

/** Opened from the link in the mail sent to a new address: confirms the change once. */
export function EmailConfirmPage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.email.confirmTitle'));
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const token = new URLSearchParams(searchStr).get('token');
  const client = useQueryClient();
  const confirm = useMutation({
    mutationFn: (value: string) =>
      api<{ email: string }>('/api/v1/me/email-change/confirm', { method: 'POST', json: { token: value } }),
    onSuccess: () => resetSessionQueries(client),
  });
  const started = useRef(false);
  useEffect(() => {
    // The link works once: do not send it twice (React runs effects twice in development).
    if (started.current || !token) return;
    started.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  const toProfile = (
    <Button renderRoot={(props) => <Link to="/profile" {...props} />}>{t('profile.email.toProfile')}</Button>
  );
  return (
    <Stack maw={640}>
      <PageHeader title={t('profile.email.confirmTitle')} />
      {confirm.isSuccess ? (
        <StateMessage
          testId="email-confirmed"
          role="status"
          color="teal"
          icon={<IconCircleCheck size={28} />}
          title={t('profile.email.confirmed', { email: confirm.data.email })}
          actions={toProfile}
        />
      ) : confirm.isError || !token ? (
        <StateMessage
          testId="email-confirm-failed"
          role="alert"
          color="red"
          icon={<IconMailOff size={28} />}
          title={t(
            isApiError(confirm.error, 409) ? 'profile.email.confirmTaken' : 'profile.email.confirmFailed',
          )}
          actions={toProfile}
        />
      ) : (
        <Stack align="center" gap="sm" role="status">
          <Loader />
          <Text>{t('profile.email.confirming')}</Text>
        </Stack>
      )}
    </Stack>
  );
}
