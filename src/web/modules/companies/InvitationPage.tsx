import { Alert, Button, Checkbox, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconClockX, IconLinkOff, IconLogin, IconMailCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type InvitationInfo, invitationQuery, useAcceptInvitation, useSignUpFromInvitation } from './api';
import { serverFieldError } from './validation';

const route = getRouteApi('/invitations/$token');
const MIN_PASSWORD = 10;

function SignUpForm({ token, onDone }: { token: string; onDone: (orgId: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const signUp = useSignUpFromInvitation(token, onDone);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [consent, setConsent] = useState(false);
  const [problems, setProblems] = useState<{ name?: boolean; password?: boolean; consent?: boolean }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { name: !name.trim(), password: password.length < MIN_PASSWORD, consent: !consent };
    setProblems(found);
    if (found.name || found.password || found.consent) return;
    signUp.mutate(
      { name: name.trim(), password, locale: i18n.language },
      { onSuccess: (r) => onDone(r.orgId) },
    );
  };
  const passwordError = problems.password
    ? t('companies.invitation.passwordHint')
    : serverFieldError(signUp.error, 'password');
  return (
    <form onSubmit={submit} noValidate aria-label={t('companies.invitation.signUpTitle')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('companies.invitation.signUpTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('companies.invitation.signUpLead')}
        </Text>
        {signUp.error && !passwordError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t('companies.invitation.error', { message: (signUp.error as Error).message })}
          </Alert>
        ) : null}
        <TextInput
          label={t('companies.invitation.name')}
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problems.name ? t('companies.validation.required') : undefined}
        />
        <PasswordInput
          label={t('companies.invitation.password')}
          description={t('companies.invitation.passwordHint')}
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={passwordError}
        />
        <Checkbox
          label={t('companies.invitation.consent')}
          checked={consent}
          onChange={(e) => setConsent(e.currentTarget.checked)}
          error={problems.consent ? t('companies.validation.required') : undefined}
        />
        <Button type="submit" loading={signUp.isPending}>
          {t('companies.invitation.signUp')}
        </Button>
      </Stack>
    </form>
  );
}

function OpenInvitation({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const session = useQuery(sessionQuery);
  const navigate = useNavigate();
  const toCompany = (orgId: string) => navigate({ to: '/orgs/$orgId', params: { orgId } });
  const accept = useAcceptInvitation(token, toCompany);
  const me = session.data?.user;
  let action: React.ReactNode;
  if (me && me.email.toLowerCase() === invitation.email) {
    action = (
      <Stack gap="xs">
        {accept.error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t('companies.invitation.error', { message: (accept.error as Error).message })}
          </Alert>
        ) : null}
        <Button loading={accept.isPending} onClick={() => accept.mutate()}>
          {t('companies.invitation.accept')}
        </Button>
      </Stack>
    );
  } else if (me) {
    action = (
      <Alert color="orange" variant="light" icon={<IconAlertCircle />} data-testid="invitation-wrong-email">
        {t('companies.invitation.wrongEmail', { current: me.email, email: invitation.email })}
      </Alert>
    );
  } else if (invitation.hasAccount) {
    action = (
      <Stack gap="xs">
        <Text size="sm">{t('companies.invitation.signInToAccept', { email: invitation.email })}</Text>
        <Button
          leftSection={<IconLogin size={16} />}
          renderRoot={(props) => (
            <Link to="/sign-in" search={{ redirect: `/invitations/${token}` }} {...props} />
          )}
        >
          {t('companies.invitation.signIn')}
        </Button>
      </Stack>
    );
  } else {
    action = <SignUpForm token={token} onDone={toCompany} />;
  }
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={520} mx="auto" data-testid="invitation-page">
      <Stack gap="md">
        <IconMailCheck size={32} aria-hidden="true" color="var(--mantine-color-brand-6)" />
        <Title order={1} size="h2">
          {t('companies.invitation.title', { company: invitation.companyName })}
        </Title>
        <Text>
          {t('companies.invitation.lead', { role: roleLabel(invitation.roleName), email: invitation.email })}
        </Text>
        {action}
      </Stack>
    </Paper>
  );
}

/** The page an invitation e-mail links to: accept as the signed-in person, or sign up from the link. */
export function InvitationPage() {
  const { t } = useTranslation();
  const { token } = route.useParams();
  const invitation = useQuery(invitationQuery(token));
  const session = useQuery(sessionQuery);
  usePageTitle(t('companies.invitation.pageTitle'));
  if (invitation.isPending || session.isPending) return <ListSkeleton rows={3} />;
  if (isApiError(invitation.error, 404, 400)) {
    return (
      <StateMessage
        testId="invitation-not-found"
        titleOrder={1}
        icon={<IconLinkOff size={28} />}
        title={t('companies.invitation.notFound.title')}
        description={t('companies.invitation.notFound.description')}
      />
    );
  }
  if (invitation.isError)
    return <ErrorState error={invitation.error} titleOrder={1} onRetry={() => void invitation.refetch()} />;
  const state = invitation.data.state;
  if (state !== 'open') {
    const key = state === 'expired' ? 'expired' : 'used';
    return (
      <StateMessage
        testId={`invitation-${key}`}
        titleOrder={1}
        color="orange"
        icon={<IconClockX size={28} />}
        title={t(`companies.invitation.${key}.title`)}
        description={t(`companies.invitation.${key}.description`)}
      />
    );
  }
  return <OpenInvitation token={token} invitation={invitation.data} />;
}
