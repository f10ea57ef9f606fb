import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconMailFast, IconSend } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/types';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuthCard, AuthResult, EmailText } from './AuthCard';
import { useRequestPasswordReset } from './api';
import { requestErrorKey, useFields } from './form';
import { emailProblem } from './validation';

function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <Anchor size="sm" renderRoot={(props) => <Link to="/sign-in" {...props} />}>
      <IconArrowLeft size={14} aria-hidden="true" style={{ verticalAlign: '-2px', marginRight: 4 }} />
      {t('identity.forgot.back')}
    </Anchor>
  );
}

/** "Forgot your password?": asks for the address and sends a reset link (same answer for unknown addresses). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const { values, errors, set, showErrors, formRef } = useFields({ email: '' });
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle(t('identity.forgot.pageTitle'));

  if (sentTo) {
    return (
      <AuthResult
        icon={<IconMailFast size={28} />}
        title={t('identity.forgot.sent.title')}
        testId="reset-sent"
      >
        <Text>
          <EmailText i18nKey="identity.forgot.sent.text" email={sentTo} />
        </Text>
        <BackToSignIn />
      </AuthResult>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!showErrors({ email: emailProblem(values.email) ?? undefined })) return;
    const email = values.email.trim();
    request.mutate(email, {
      onSuccess: () => setSentTo(email),
      onError: (error) => setFormError(requestErrorKey(error)),
    });
  };

  return (
    <AuthCard
      title={t('identity.forgot.title')}
      lead={t('identity.forgot.lead')}
      testId="forgot-password-page"
      footer={<BackToSignIn />}
    >
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('identity.forgot.title')}>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />}>
              {t(formError)}
            </Alert>
          ) : null}
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
          <Button type="submit" fullWidth loading={request.isPending} leftSection={<IconSend size={18} />}>
            {t('identity.forgot.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
