import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLogin, IconMailForward, IconUserCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import type { TranslationKey } from '../../i18n/types';
import { PageSkeleton } from '../../ui/Skeletons';
import { usePageTitle } from '../../ui/usePageTitle';
import { ExternalSignIn } from '../external/ExternalSignIn';
import { afterSignIn, secondStepHref } from '../twofactor/api';
import { AuthCard, AuthResult, EmailText } from './AuthCard';
import { useSignIn } from './api';
import { requestErrorKey, useFields } from './form';
import { MagicLinkSignIn } from './phone/MagicLinkSignIn';
import { PhoneCodeSignIn } from './phone/PhoneCodeSignIn';
import { initialSignInChoice, SignInMethodSwitch } from './phone/SignInMethodSwitch';
import { emailProblem, safeRedirect } from './validation';

type Outcome = { kind: 'error'; message: TranslationKey } | { kind: 'notVerified'; email: string } | null;

/** The page to return to after signing in, from `?redirect=` (same-site paths only). */
function useRedirectTarget(): string {
  const searchStr = useLocation({ select: (location) => location.searchStr });
  return safeRedirect(new URLSearchParams(searchStr).get('redirect'));
}

function AlreadySignedIn({ name, target }: { name: string; target: string }) {
  const { t } = useTranslation();
  return (
    <AuthResult
      icon={<IconUserCheck size={28} />}
      title={t('identity.signIn.already.title')}
      testId="signed-in"
    >
      <Text>{t('identity.signIn.already.text', { name })}</Text>
      <Button renderRoot={(props) => <Link to={target} {...props} />}>
        {t('identity.signIn.already.home')}
      </Button>
    </AuthResult>
  );
}

/** Sign-in with e-mail and password; on success goes to `?redirect=` or home. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useQuery(sessionQuery);
  const target = useRedirectTarget();
  const signIn = useSignIn();
  const { values, errors, set, showErrors, formRef } = useFields({ email: '', password: '' });
  const searchStr = useLocation({ select: (location) => location.searchStr });
  // A single-factor sign-in (link, SMS code, external provider) of a person with 2FA comes back here.
  const [outcome, setOutcome] = useState<Outcome>(() =>
    new URLSearchParams(searchStr).get('error') === 'TWO_FACTOR_USE_PASSWORD'
      ? { kind: 'error', message: 'identity.signIn.useTwoFactor' }
      : null,
  );
  const [method, setMethod] = useState(() => initialSignInChoice(searchStr));
  usePageTitle(t('identity.signIn.pageTitle'));

  if (session.isPending) return <PageSkeleton />;
  // Right after a successful sign-in the session refreshes before we navigate away: keep the form meanwhile.
  if (session.data?.user && !signIn.isSuccess) {
    return <AlreadySignedIn name={session.data.user.name} target={target} />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const valid = showErrors({
      email: emailProblem(values.email) ?? undefined,
      password: values.password ? undefined : 'identity.validation.passwordRequired',
    });
    if (!valid) return;
    const email = values.email.trim();
    signIn.mutate(
      { email, password: values.password },
      {
        onSuccess: (answer) => {
          const secondStep = secondStepHref(answer, target);
          if (secondStep) return void navigate({ href: secondStep, replace: true });
          notifications.show({ message: t('identity.signIn.done'), color: 'teal' });
          void afterSignIn(target).then((href) => navigate({ href, replace: true }));
        },
        onError: (error) => {
          if (isApiError(error, 403) && error.code === 'EMAIL_NOT_VERIFIED') {
            setOutcome({ kind: 'notVerified', email });
          } else if (isApiError(error, 401) || (isApiError(error, 400) && error.code === 'INVALID_EMAIL')) {
            setOutcome({ kind: 'error', message: 'identity.signIn.invalidCredentials' });
          } else {
            setOutcome({ kind: 'error', message: requestErrorKey(error) });
          }
        },
      },
    );
  };

  return (
    <AuthCard
      title={t('identity.signIn.title')}
      lead={t('identity.signIn.lead')}
      testId="sign-in-page"
      footer={
        <>
          {t('identity.signIn.noAccount')}{' '}
          <Anchor fw={600} renderRoot={(props) => <Link to="/sign-up" {...props} />}>
            {t('identity.signIn.signUp')}
          </Anchor>
        </>
      }
    >
      <SignInMethodSwitch value={method} onChange={setMethod} />
      {method === 'phone' ? <PhoneCodeSignIn target={target} /> : null}
      {method === 'magicLink' ? (
        <MagicLinkSignIn target={target} invalidLink={searchStr.includes('magicLink=invalid')} />
      ) : null}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={t('identity.signIn.title')}
        hidden={method !== 'password'}
      >
        <Stack gap="md">
          {outcome?.kind === 'error' ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="sign-in-error">
              {t(outcome.message)}
            </Alert>
          ) : null}
          {outcome?.kind === 'notVerified' ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconMailForward />}
              title={t('identity.signIn.notVerified.title')}
              data-testid="sign-in-not-verified"
            >
              <EmailText i18nKey="identity.signIn.notVerified.text" email={outcome.email} />
            </Alert>
          ) : null}
          <TextInput
            label={t('identity.fields.email')}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            required
            value={values.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={errors.email ? t(errors.email) : undefined}
          />
          <div>
            <PasswordInput
              label={t('identity.fields.password')}
              name="password"
              autoComplete="current-password"
              required
              value={values.password}
              onChange={(event) => set('password', event.currentTarget.value)}
              aria-invalid={errors.password ? true : undefined}
              error={errors.password ? t(errors.password) : undefined}
            />
            <Group justify="flex-end" mt={6}>
              <Anchor size="sm" renderRoot={(props) => <Link to="/forgot-password" {...props} />}>
                {t('identity.signIn.forgot')}
              </Anchor>
            </Group>
          </div>
          <Button
            type="submit"
            fullWidth
            loading={signIn.isPending || signIn.isSuccess}
            leftSection={<IconLogin size={18} />}
          >
            {t('identity.signIn.submit')}
          </Button>
        </Stack>
      </form>
      <ExternalSignIn mode="signIn" />
    </AuthCard>
  );
}
