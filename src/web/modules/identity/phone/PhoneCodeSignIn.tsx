import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMessage } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../../i18n/types';
import { CodeStep, isNoAccountError, PhoneInput, phoneCodeErrorKey, usePhoneNumberStep } from './CodeStep';
import { useVerifyPhoneCode } from './phone-api';

/** Sign-in by a one-time SMS code: the number, then the code; goes to `target` when signed in. */
export function PhoneCodeSignIn({ target }: { target: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const verify = useVerifyPhoneCode();
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<TranslationKey | 'noAccount' | null>(null);
  const { typed, setTyped, phoneError, sending, sendCode, typedPhone } = usePhoneNumberStep(setError);

  const submitPhone = async (event: FormEvent) => {
    event.preventDefault();
    const number = typedPhone();
    if (number && (await sendCode(number))) setPhone(number);
  };

  if (phone) {
    return (
      <CodeStep
        phone={phone}
        submitLabel={t('identity.phoneCode.submit')}
        submitting={verify.isPending || verify.isSuccess}
        error={
          error === 'noAccount' ? (
            <>
              {t('identity.phoneCode.noAccount')}{' '}
              <Anchor fw={600} renderRoot={(props) => <Link to="/sign-up" {...props} />}>
                {t('identity.phoneCode.signUp')}
              </Anchor>
            </>
          ) : (
            error
          )
        }
        onSubmit={(code) => {
          setError(null);
          // mutateAsync, not mutate's callbacks: once the session refreshes, the sign-in page shows "already
          // signed in" and this form unmounts, which would drop a per-call onSuccess.
          verify.mutateAsync({ phoneNumber: phone, code }).then(
            () => {
              notifications.show({ message: t('identity.signIn.done'), color: 'teal' });
              void navigate({ href: target, replace: true });
            },
            (e: unknown) => setError(isNoAccountError(e) ? 'noAccount' : phoneCodeErrorKey(e)),
          );
        }}
        onResend={() => sendCode(phone)}
        onBack={() => {
          setPhone(null);
          setError(null);
        }}
      />
    );
  }

  return (
    <form
      onSubmit={submitPhone}
      noValidate
      aria-label={t('identity.methods.phone')}
      data-testid="phone-sign-in"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('identity.phoneCode.lead')}
        </Text>
        {error && error !== 'noAccount' ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t(error)}
          </Alert>
        ) : null}
        <PhoneInput value={typed} onChange={setTyped} error={phoneError} />
        <Button type="submit" fullWidth loading={sending} leftSection={<IconMessage size={18} />}>
          {t('identity.phoneCode.send')}
        </Button>
      </Stack>
    </form>
  );
}
