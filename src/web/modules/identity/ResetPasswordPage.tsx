import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconDeviceFloppy, IconLinkOff } from '@tabler/icons-react';
import { Link, useLocation } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuthCard, AuthResult } from './AuthCard';
import { useResetPassword } from './api';
import { requestErrorKey, useFields } from './form';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem, problemValues } from './validation';

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <AuthResult
      icon={<IconLinkOff size={28} />}
      color="orange"
      title={t('identity.reset.invalid.title')}
      testId="reset-invalid"
    >
      <Text>{t('identity.reset.invalid.text')}</Text>
      <Button renderRoot={(props) => <Link to="/forgot-password" {...props} />}>
        {t('identity.reset.invalid.again')}
      </Button>
    </AuthResult>
  );
}

/**
 * Sets a new password. The e-mailed link passes through the server, which redirects here with `?token=` (or
 * `?error=INVALID_TOKEN` when the link is stale).
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const params = new URLSearchParams(searchStr);
  const token = params.get('token');
  const reset = useResetPassword();
  const { values, errors, set, showErrors, formRef } = useFields({ password: '', confirm: '' });
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  usePageTitle(t('identity.reset.pageTitle'));

  if (
    !token ||
    params.get('error') ||
    (isApiError(reset.error, 400) && reset.error.code === 'INVALID_TOKEN')
  ) {
    return <InvalidLink />;
  }
  if (reset.isSuccess) {
    return (
      <AuthResult
        icon={<IconCircleCheck size={28} />}
        color="teal"
        title={t('identity.reset.done.title')}
        testId="reset-done"
      >
        <Text>{t('identity.reset.done.text')}</Text>
        <Button renderRoot={(props) => <Link to="/sign-in" {...props} />}>
          {t('identity.reset.done.signIn')}
        </Button>
      </AuthResult>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const valid = showErrors({
      password: newPasswordProblem(values.password) ?? undefined,
      confirm: values.confirm === values.password ? undefined : 'identity.validation.passwordsDiffer',
    });
    if (!valid) return;
    reset.mutate(
      { token, newPassword: values.password },
      {
        onError: (error) => {
          if (isApiError(error, 400) && error.code === 'INVALID_TOKEN') return; // shown as the invalid-link state
          if (isApiError(error, 400) && error.code === 'PASSWORD_TOO_SHORT') {
            showErrors({ password: 'identity.validation.passwordTooShort' });
          } else {
            setFormError(requestErrorKey(error));
          }
        },
      },
    );
  };

  return (
    <AuthCard title={t('identity.reset.title')} lead={t('identity.reset.lead')} testId="reset-password-page">
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('identity.reset.title')}>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />}>
              {t(formError)}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('identity.fields.newPassword')}
            description={t('identity.signUp.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            name="new-password"
            autoComplete="new-password"
            required
            maxLength={MAX_PASSWORD_LENGTH}
            value={values.password}
            onChange={(event) => set('password', event.currentTarget.value)}
            aria-invalid={errors.password ? true : undefined}
            error={errors.password ? t(errors.password, problemValues(errors.password)) : undefined}
          />
          <PasswordInput
            label={t('identity.fields.confirmPassword')}
            name="confirm-password"
            autoComplete="new-password"
            required
            maxLength={MAX_PASSWORD_LENGTH}
            value={values.confirm}
            onChange={(event) => set('confirm', event.currentTarget.value)}
            aria-invalid={errors.confirm ? true : undefined}
            error={errors.confirm ? t(errors.confirm) : undefined}
          />
          <Button
            type="submit"
            fullWidth
            loading={reset.isPending}
            leftSection={<IconDeviceFloppy size={18} />}
          >
            {t('identity.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
