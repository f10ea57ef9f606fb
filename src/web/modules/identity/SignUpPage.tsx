import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMailFast, IconUserPlus } from '@tabler/icons-react';
import { Link, useLocation } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { usePageTitle } from '../../ui/usePageTitle';
import { ExternalSignIn } from '../external/ExternalSignIn';
import { AuthCard, AuthResult, EmailText } from './AuthCard';
import { useSignUp } from './api';
import { requestErrorKey, useFields } from './form';
import { PhoneSignUp, type SignUpContact, SignUpContactSwitch } from './phone/PhoneSignUp';
import { ConsentField, NewPasswordField } from './SignUpFields';
import { emailProblem, newPasswordProblem, safeRedirect } from './validation';

/** "Check your e-mail": what happens next after signing up. */
function CheckMail({ email, signIn }: { email: string; signIn: string }) {
  const { t } = useTranslation();
  return (
    <AuthResult
      icon={<IconMailFast size={28} />}
      title={t('identity.signUp.checkMail.title')}
      testId="check-mail"
    >
      <Text>
        <EmailText i18nKey="identity.signUp.checkMail.text" email={email} />
      </Text>
      <Text size="sm" c="dimmed">
        {t('identity.signUp.checkMail.hint')}
      </Text>
      <Button variant="default" renderRoot={(props) => <Link to={signIn} {...props} />}>
        {t('identity.signUp.checkMail.toSignIn')}
      </Button>
    </AuthResult>
  );
}

/** Sign-up: name, e-mail, password (10+ characters) and consent to personal-data processing. */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const signUp = useSignUp();
  const { values, errors, set, showErrors, formRef } = useFields({
    name: '',
    email: '',
    password: '',
    consent: false as boolean,
  });
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [contact, setContact] = useState<SignUpContact>('email');
  // `?redirect=`: where the person goes on to after confirming the address (a referral link, for one).
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const target = safeRedirect(new URLSearchParams(searchStr).get('redirect'));
  const signInPath = target === '/' ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(target)}`;
  usePageTitle(t('identity.signUp.pageTitle'));

  if (sentTo) return <CheckMail email={sentTo} signIn={signInPath} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const valid = showErrors({
      name: values.name.trim() ? undefined : 'identity.validation.nameRequired',
      email: emailProblem(values.email) ?? undefined,
      password: newPasswordProblem(values.password) ?? undefined,
      consent: values.consent ? undefined : 'identity.validation.consentRequired',
    });
    if (!valid) return;
    const email = values.email.trim();
    signUp.mutate(
      { name: values.name.trim(), email, password: values.password, locale: i18n.language, redirect: target },
      {
        onSuccess: () => setSentTo(email),
        onError: (error) => {
          // The server repeats the length rules; show its verdict on the field it concerns.
          if (isApiError(error, 400) && error.code === 'PASSWORD_TOO_SHORT') {
            showErrors({ password: 'identity.validation.passwordTooShort' });
          } else if (isApiError(error, 400) && error.code === 'PASSWORD_TOO_LONG') {
            showErrors({ password: 'identity.validation.passwordTooLong' });
          } else if (isApiError(error, 400) && error.code === 'INVALID_EMAIL') {
            showErrors({ email: 'identity.validation.emailInvalid' });
          } else {
            setFormError(requestErrorKey(error));
          }
        },
      },
    );
  };

  return (
    <AuthCard
      title={t('identity.signUp.title')}
      lead={t('identity.signUp.lead')}
      testId="sign-up-page"
      footer={
        <>
          {t('identity.signUp.haveAccount')}{' '}
          <Anchor fw={600} renderRoot={(props) => <Link to={signInPath} {...props} />}>
            {t('identity.signUp.signIn')}
          </Anchor>
        </>
      }
    >
      <SignUpContactSwitch value={contact} onChange={setContact} />
      {contact === 'phone' ? <PhoneSignUp /> : null}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={t('identity.signUp.title')}
        hidden={contact !== 'email'}
      >
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="sign-up-error">
              {t(formError)}
            </Alert>
          ) : null}
          <TextInput
            label={t('identity.fields.name')}
            name="name"
            autoComplete="name"
            required
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name ? t(errors.name) : undefined}
          />
          <TextInput
            label={t('identity.fields.email')}
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            required
            value={values.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={errors.email ? t(errors.email) : undefined}
          />
          <NewPasswordField
            value={values.password}
            onChange={(value) => set('password', value)}
            error={errors.password}
          />
          <ConsentField
            checked={values.consent}
            onChange={(checked) => set('consent', checked)}
            error={errors.consent}
          />
          <Button type="submit" fullWidth loading={signUp.isPending} leftSection={<IconUserPlus size={18} />}>
            {t('identity.signUp.submit')}
          </Button>
        </Stack>
      </form>
      <ExternalSignIn mode="signUp" />
    </AuthCard>
  );
}
