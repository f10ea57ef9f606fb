import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { resetSessionQueries, sessionQuery } from '../../app/portal';
import { usePageTitle } from '../../ui/usePageTitle';

/** Where an invited staff member lands from the mail: accept once signed in with the invited address. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.acceptInvitation.title'));
  const client = useQueryClient();
  const session = useQuery(sessionQuery);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const accept = useMutation({
    mutationFn: () => api('/api/v1/staff-invitations/accept', { method: 'POST', json: { token } }),
    onSuccess: () => resetSessionQueries(client),
  });
  const signedIn = Boolean(session.data?.user);
  return (
    <Paper withBorder p="xl" maw={560} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('backoffice.acceptInvitation.title')}
        </Title>
        {accept.isSuccess ? (
          <Alert color="teal" icon={<IconCheck size={18} />} role="status">
            {t('backoffice.acceptInvitation.accepted')}
          </Alert>
        ) : accept.isError ? (
          <Alert color="red" role="alert">
            {t('backoffice.acceptInvitation.invalid')}
          </Alert>
        ) : null}
        {signedIn ? (
          <>
            <Text>{t('backoffice.acceptInvitation.text')}</Text>
            {accept.isSuccess ? null : (
              <Button
                leftSection={<IconUserCheck size={16} />}
                loading={accept.isPending}
                onClick={() => accept.mutate()}
              >
                {t('backoffice.acceptInvitation.accept')}
              </Button>
            )}
          </>
        ) : (
          <>
            <Text>{t('backoffice.acceptInvitation.signIn')}</Text>
            <Button
              component="a"
              href={`/sign-in?redirect=${encodeURIComponent(`/staff-invitation?token=${encodeURIComponent(token)}`)}`}
            >
              {t('backoffice.acceptInvitation.signInButton')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
