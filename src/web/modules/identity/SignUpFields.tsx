import { Checkbox, PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/types';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, problemValues } from './validation';

/** The new password of a sign-up form (e-mail or phone), with the length hint and its problem. */
export function NewPasswordField(props: {
  value: string;
  onChange: (value: string) => void;
  error?: TranslationKey | undefined;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('identity.fields.password')}
      description={t('identity.signUp.passwordHint', { count: MIN_PASSWORD_LENGTH })}
      name="password"
      autoComplete="new-password"
      required
      maxLength={MAX_PASSWORD_LENGTH}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      aria-invalid={props.error ? true : undefined}
      error={props.error ? t(props.error, problemValues(props.error)) : undefined}
    />
  );
}

/** Consent to personal-data processing, which every sign-up needs (its version goes with the request). */
export function ConsentField(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: TranslationKey | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      label={t('identity.signUp.consent')}
      name="consent"
      required
      checked={props.checked}
      onChange={(event) => props.onChange(event.currentTarget.checked)}
      aria-invalid={props.error ? true : undefined}
      error={props.error ? t(props.error) : undefined}
    />
  );
}
