import { Alert, Button, Checkbox, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../app/api';
import type { TranslationKey } from '../../../i18n/types';
import { requestErrorKey, useFields } from '../../identity/form';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
  problemValues,
} from '../../identity/validation';

interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  revokeOtherSessions: boolean;
}

/** Changes the password (Better Auth's change-password), optionally ending the other sessions. */
export function PasswordSection() {
  const { t } = useTranslation();
  const change = useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      api<unknown>('/api/v1/auth/change-password', { method: 'POST', json: input }),
  });
  const { values, errors, set, showErrors, formRef } = useFields({
    current: '',
    password: '',
    confirm: '',
    signOutOthers: true as boolean,
  });
  const [formError, setFormError] = useState<TranslationKey | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const valid = showErrors({
      current: values.current ? undefined : 'identity.validation.passwordRequired',
      password: newPasswordProblem(values.password) ?? undefined,
      confirm: values.confirm === values.password ? undefined : 'identity.validation.passwordsDiffer',
    });
    if (!valid) return;
    change.mutate(
      {
        currentPassword: values.current,
        newPassword: values.password,
        revokeOtherSessions: values.signOutOthers,
      },
      {
        onSuccess: () => {
          set('current', '');
          set('password', '');
          set('confirm', '');
          notifications.show({ message: t('profile.password.changed'), color: 'teal' });
        },
        onError: (error) => {
          if (isApiError(error, 400) && error.code === 'INVALID_PASSWORD') {
            showErrors({ current: 'profile.password.wrongCurrent' });
          } else if (isApiError(error, 400) && error.code === 'PASSWORD_TOO_COMMON') {
            showErrors({ password: 'profile.password.tooCommon' });
          } else {
            setFormError(requestErrorKey(error));
          }
        },
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="password-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="password-title">
            {t('profile.password.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.password.description')}
          </Text>
        </div>
        <form ref={formRef} onSubmit={submit} noValidate aria-label={t('profile.password.title')}>
          <Stack gap="sm">
            {formError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle />}>
                {t(formError)}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('profile.password.current')}
              autoComplete="current-password"
              required
              value={values.current}
              onChange={(event) => set('current', event.currentTarget.value)}
              aria-invalid={errors.current ? true : undefined}
              error={errors.current ? t(errors.current) : undefined}
            />
            <PasswordInput
              label={t('identity.fields.newPassword')}
              description={t('identity.signUp.passwordHint', { count: MIN_PASSWORD_LENGTH })}
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
              autoComplete="new-password"
              required
              maxLength={MAX_PASSWORD_LENGTH}
              value={values.confirm}
              onChange={(event) => set('confirm', event.currentTarget.value)}
              aria-invalid={errors.confirm ? true : undefined}
              error={errors.confirm ? t(errors.confirm) : undefined}
            />
            <Checkbox
              label={t('profile.password.signOutOthers')}
              checked={values.signOutOthers}
              onChange={(event) => set('signOutOthers', event.currentTarget.checked)}
            />
            <Button
              type="submit"
              loading={change.isPending}
              leftSection={<IconDeviceFloppy size={18} />}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('profile.password.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
