import { Alert, Button, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMessage } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizePhone } from '../../../../shared/phone';
import { isApiError } from '../../../app/api';
import type { TranslationKey } from '../../../i18n/types';
import { useFields } from '../form';
import { ConsentField, NewPasswordField } from '../SignUpFields';
import { newPasswordProblem } from '../validation';
import { CodeStep, phoneCodeErrorKey } from './CodeStep';
import { signInOptionsQuery, useSendPhoneCode, useVerifyPhoneCode } from './phone-api';

export type SignUpContact = 'email' | 'phone';

/** "Sign up with e-mail / phone"; shown only while sign-in by SMS code is switched on. */
export function SignUpContactSwitch({
  value,
  onChange,
}: {
  value: SignUpContact;
  onChange(value: SignUpContact): void;
}) {
  const { t } = useTranslation();
  const options = useQuery(signInOptionsQuery);
  if (!options.data?.methods.phoneCode) return null;
  return (
    <SegmentedControl
      fullWidth
      mb="md"
      aria-label={t('identity.phoneSignUp.contact')}
      value={value}
      onChange={(next) => onChange(next as SignUpContact)}
      data={[
        { value: 'email', label: t('identity.phoneSignUp.email') },
        { value: 'phone', label: t('identity.phoneSignUp.phone') },
      ]}
      data-testid="sign-up-contact"
    />
  );
}

/**
 * Sign-up with a phone instead of an e-mail: name, phone, password and consent, then the SMS code; the
 * account is created (and signed in) when the code is confirmed.
 */
export function PhoneSignUp() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const send = useSendPhoneCode();
  const verify = useVerifyPhoneCode();
  const { values, errors, set, showErrors, formRef } = useFields({
    name: '',
    phone: '',
    password: '',
    consent: false as boolean,
  });
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const [codeError, setCodeError] = useState<TranslationKey | null>(null);
  // The number a code went to and when, so that going back to fix the password does not ask for another.
  const [sent, setSent] = useState<{ phone: string; at: number } | null>(null);
  const [step, setStep] = useState<'form' | 'code'>('form');

  const sendCode = async (phone: string) => {
    try {
      await send.mutateAsync(phone);
      setSent({ phone, at: Date.now() });
      return true;
    } catch (error) {
      return phoneCodeErrorKey(error);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const phone = normalizePhone(values.phone);
    const valid = showErrors({
      name: values.name.trim() ? undefined : 'identity.validation.nameRequired',
      phone: phone
        ? undefined
        : values.phone.trim()
          ? 'identity.phoneCode.phoneInvalid'
          : 'identity.phoneCode.phoneRequired',
      password: newPasswordProblem(values.password) ?? undefined,
      consent: values.consent ? undefined : 'identity.validation.consentRequired',
    });
    if (!valid || !phone) return;
    if (sent?.phone === phone && Date.now() - sent.at < 4 * 60_000) {
      setStep('code');
      return;
    }
    const result = await sendCode(phone);
    if (result === true) setStep('code');
    else setFormError(result);
  };

  if (step === 'code' && sent) {
    return (
      <CodeStep
        phone={sent.phone}
        submitLabel={t('identity.phoneSignUp.confirm')}
        submitting={verify.isPending || verify.isSuccess}
        error={codeError}
        onSubmit={(code) => {
          setCodeError(null);
          verify.mutate(
            {
              phoneNumber: sent.phone,
              code,
              signUp: { name: values.name.trim(), password: values.password, locale: i18n.language },
            },
            {
              onSuccess: () => {
                notifications.show({ message: t('identity.phoneSignUp.done'), color: 'teal' });
                void navigate({ href: '/', replace: true });
              },
              onError: (error) => {
                if (isApiError(error, 400) && error.code === 'PASSWORD_TOO_COMMON') {
                  setStep('form');
                  showErrors({ password: 'profile.password.tooCommon' });
                } else {
                  setCodeError(phoneCodeErrorKey(error));
                }
              },
            },
          );
        }}
        onResend={async () => {
          const result = await sendCode(sent.phone);
          setCodeError(result === true ? null : result);
          return result === true;
        }}
        onBack={() => {
          setCodeError(null);
          setStep('form');
        }}
      />
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={t('identity.signUp.title')}
      data-testid="phone-sign-up"
    >
      <Stack gap="md">
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
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
          label={t('identity.phoneCode.phone')}
          placeholder={t('identity.phoneCode.phonePlaceholder')}
          type="tel"
          name="phone"
          autoComplete="tel"
          inputMode="tel"
          required
          value={values.phone}
          onChange={(event) => set('phone', event.currentTarget.value)}
          error={errors.phone ? t(errors.phone) : undefined}
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
        <Button type="submit" fullWidth loading={send.isPending} leftSection={<IconMessage size={18} />}>
          {t('identity.phoneSignUp.submit')}
        </Button>
      </Stack>
    </form>
  );
}
