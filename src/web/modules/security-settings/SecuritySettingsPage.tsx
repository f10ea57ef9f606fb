import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconHome, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  type CompanyRole,
  companyRoleKeys,
  type SignInMethodKey,
  type SignInMethods,
  signInMethodKeys,
  signInMethodsQuery,
  type TwoFactorPolicy,
  twoFactorPolicyQuery,
  useSaveSignInMethods,
  useSaveTwoFactorPolicy,
} from './api';

/** The problem's own words when the server explains a refusal, else the section's generic failure text. */
function failureMessage(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.status === 400 && error.detail ? error.detail : fallback;
}

function Section({ title, lead, children }: { title: string; lead: string; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {lead}
          </Text>
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/** Shown on 401/403: the page needs the `settings.manage` permission. */
function NoAccess() {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="no-access"
      color="orange"
      icon={<IconLock size={28} />}
      title={t('security-settings.noAccess.title')}
      description={t('security-settings.noAccess.description')}
      actions={
        <Button
          variant="default"
          leftSection={<IconHome size={16} />}
          renderRoot={(props) => <Link to="/" {...props} />}
        >
          {t('notFound.home')}
        </Button>
      }
    />
  );
}

/** Each switch saves at once; switching off the last method that is on is refused before asking the server. */
function SignInMethodsForm({ methods }: { methods: SignInMethods }) {
  const { t } = useTranslation();
  const save = useSaveSignInMethods();
  const [lastOn, setLastOn] = useState(false);
  const shown = save.isPending && save.variables ? save.variables : methods;

  const toggle = (key: SignInMethodKey, on: boolean) => {
    const next = { ...shown, [key]: on };
    if (!signInMethodKeys.some((k) => next[k])) {
      setLastOn(true);
      return;
    }
    setLastOn(false);
    save.mutate(next, {
      onSuccess: () => notifications.show({ message: t('security-settings.methods.saved'), color: 'teal' }),
      onError: (error) =>
        notifications.show({
          title: t('security-settings.methods.saveFailed'),
          message: failureMessage(error, t('errors.generic')),
          color: 'red',
        }),
    });
  };

  return (
    <Stack gap="md" data-testid="sign-in-methods">
      {signInMethodKeys.map((key) => (
        <Switch
          key={key}
          size="md"
          checked={shown[key]}
          disabled={save.isPending}
          onChange={(event) => toggle(key, event.currentTarget.checked)}
          label={t(`security-settings.methods.${key}.label`)}
          description={t(`security-settings.methods.${key}.description`)}
          data-testid={`sign-in-method-${key}`}
        />
      ))}
      {lastOn ? (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          role="alert"
          data-testid="last-method-on"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setLastOn(false)}
        >
          {t('security-settings.methods.lastOn')}
        </Alert>
      ) : null}
    </Stack>
  );
}

function TwoFactorPolicyForm({ policy }: { policy: TwoFactorPolicy }) {
  const { t } = useTranslation();
  const save = useSaveTwoFactorPolicy();
  const [draft, setDraft] = useState(policy);
  // A saved (or refetched) policy replaces the draft.
  useEffect(() => setDraft(policy), [policy]);
  const changed =
    draft.staff !== policy.staff ||
    draft.orgRoles.length !== policy.orgRoles.length ||
    draft.orgRoles.some((role) => !policy.orgRoles.includes(role));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Keep the roles in their usual order, whatever order they were checked in.
    const orgRoles = companyRoleKeys.filter((role) => draft.orgRoles.includes(role));
    save.mutate(
      { staff: draft.staff, orgRoles },
      {
        onSuccess: () =>
          notifications.show({ message: t('security-settings.twoFactor.saved'), color: 'teal' }),
        onError: (error) =>
          notifications.show({
            title: t('security-settings.twoFactor.saveFailed'),
            message: failureMessage(error, t('errors.generic')),
            color: 'red',
          }),
      },
    );
  };

  return (
    <form onSubmit={submit} data-testid="two-factor-policy">
      <Stack gap="lg">
        <Switch
          size="md"
          checked={draft.staff}
          onChange={(event) => {
            const staff = event.currentTarget.checked;
            setDraft((d) => ({ ...d, staff }));
          }}
          label={t('security-settings.twoFactor.staff')}
          description={t('security-settings.twoFactor.staffDescription')}
        />
        <Checkbox.Group
          value={draft.orgRoles}
          onChange={(roles) => setDraft((d) => ({ ...d, orgRoles: roles as CompanyRole[] }))}
          label={t('security-settings.twoFactor.roles')}
          description={t('security-settings.twoFactor.rolesDescription')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="sm" mt="xs">
            {companyRoleKeys.map((role) => (
              <Checkbox key={role} value={role} label={t(`companies.roles.${role}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!changed}
            leftSection={<IconDeviceFloppy size={16} />}
          >
            {t('security-settings.twoFactor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Back office: the sign-in methods the portal offers and the two-factor rule (needs `settings.manage`). */
export function SecuritySettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('security-settings.title'));
  const methods = useQuery(signInMethodsQuery);
  const policy = useQuery(twoFactorPolicyQuery);

  let body: React.ReactNode;
  if (isApiError(methods.error, 401, 403) || isApiError(policy.error, 401, 403)) {
    body = <NoAccess />;
  } else {
    body = (
      <Stack gap="lg">
        <Section title={t('security-settings.methods.title')} lead={t('security-settings.methods.lead')}>
          {methods.data ? (
            <SignInMethodsForm methods={methods.data} />
          ) : methods.isError ? (
            <ErrorState error={methods.error} onRetry={() => void methods.refetch()} titleOrder={3} />
          ) : (
            <ListSkeleton rows={5} />
          )}
        </Section>
        <Section title={t('security-settings.twoFactor.title')} lead={t('security-settings.twoFactor.lead')}>
          {policy.data ? (
            <TwoFactorPolicyForm policy={policy.data} />
          ) : policy.isError ? (
            <ErrorState error={policy.error} onRetry={() => void policy.refetch()} titleOrder={3} />
          ) : (
            <ListSkeleton rows={3} />
          )}
        </Section>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader title={t('security-settings.title')} description={t('security-settings.description')} />
      {body}
    </>
  );
}
