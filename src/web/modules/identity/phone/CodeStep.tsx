import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatPhone, normalizePhone } from '../../../../shared/phone';
import { ApiError, isApiError } from '../../../app/api';
import type { TranslationKey } from '../../../i18n/types';
import { requestErrorKey } from '../form';
import { RESEND_SECONDS, useSendPhoneCode } from './phone-api';

/** The i18n key for a failed "send code" / "check code" request. */
export function phoneCodeErrorKey(error: unknown): TranslationKey {
  if (!(error instanceof ApiError)) return requestErrorKey(error);
  if (error.status === 429) return 'identity.phoneCode.tooMany';
  if (error.code === 'INVALID_PHONE_NUMBER') return 'identity.phoneCode.phoneInvalid';
  if (error.code === 'INVALID_OTP') return 'identity.phoneCode.wrongCode';
  if (error.code === 'TWO_FACTOR_USE_PASSWORD') return 'identity.signIn.useTwoFactor';
  if (['OTP_EXPIRED', 'OTP_NOT_FOUND', 'TOO_MANY_ATTEMPTS'].includes(error.code))
    return 'identity.phoneCode.expired';
  return requestErrorKey(error);
}

/** Seconds left before another code may be asked for; restart() begins a new countdown. */
export function useCountdown(seconds: number) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return { left, restart: () => setLeft(seconds) };
}

interface CodeStepProps {
  phone: string;
  submitLabel: string;
  submitting: boolean;
  error: TranslationKey | ReactNode | null;
  onSubmit(code: string): void;
  /** Asks for a new code; resolves true when one was sent. */
  onResend(): Promise<boolean>;
  onBack(): void;
}

/** "We have sent a code to …": the code field, a resend link with a countdown, and "change the number". */
export function CodeStep({
  phone,
  submitLabel,
  submitting,
  error,
  onSubmit,
  onResend,
  onBack,
}: CodeStepProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState(false);
  const countdown = useCountdown(RESEND_SECONDS);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) {
      setCodeError(true);
      inputRef.current?.focus();
      return;
    }
    onSubmit(digits);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t('identity.phoneCode.code')}
      data-testid="phone-code-step"
    >
      <Stack gap="md">
        <Text size="sm">
          <Trans
            i18nKey="identity.phoneCode.sentTo"
            values={{ phone: formatPhone(phone) }}
            components={{ b: <strong /> }}
          />
        </Text>
        {error ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle />}
            data-testid="phone-code-error"
            role="alert"
          >
            {typeof error === 'string' ? t(error as TranslationKey) : error}
          </Alert>
        ) : null}
        <TextInput
          ref={inputRef}
          label={t('identity.phoneCode.code')}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
          required
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setCodeError(false);
          }}
          error={codeError ? t('identity.phoneCode.codeRequired') : undefined}
        />
        <Button type="submit" fullWidth loading={submitting}>
          {submitLabel}
        </Button>
        <Group justify="space-between" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t('identity.phoneCode.changeNumber')}
          </Anchor>
          {countdown.left > 0 ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('identity.phoneCode.resendIn', { seconds: countdown.left })}
            </Text>
          ) : (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                void onResend().then((sent) => {
                  if (sent) countdown.restart();
                });
              }}
            >
              {t('identity.phoneCode.resend')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The phone field with its own validation (libphonenumber-js; Russian numbers without +7 are accepted). */
export function PhoneInput({
  value,
  onChange,
  error,
  label,
}: {
  value: string;
  onChange(value: string): void;
  error: TranslationKey | null;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label ?? t('identity.phoneCode.phone')}
      placeholder={t('identity.phoneCode.phonePlaceholder')}
      type="tel"
      name="phone"
      autoComplete="tel"
      inputMode="tel"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error ? t(error) : undefined}
    />
  );
}

export const isNoAccountError = (error: unknown) =>
  isApiError(error, 400) && (error.code === 'MISSING_FIELD' || error.code === 'CONSENT_REQUIRED');

/**
 * The number step of a code form (sign-in, phone change): the typed number and its problem, and sending
 * a code. `onError` receives the problem of a failed send (null when a send starts).
 */
export function usePhoneNumberStep(onError: (problem: TranslationKey | null) => void) {
  const send = useSendPhoneCode();
  const [typed, setTypedValue] = useState('');
  const [phoneError, setPhoneError] = useState<TranslationKey | null>(null);
  const setTyped = (value: string) => {
    setTypedValue(value);
    setPhoneError(null);
  };
  const sendCode = async (phone: string) => {
    onError(null);
    try {
      await send.mutateAsync(phone);
      return true;
    } catch (e) {
      onError(phoneCodeErrorKey(e));
      return false;
    }
  };
  /** The typed number in E.164, or null with its problem shown on the field. */
  const typedPhone = () => {
    const phone = normalizePhone(typed);
    if (!phone) {
      setPhoneError(typed.trim() ? 'identity.phoneCode.phoneInvalid' : 'identity.phoneCode.phoneRequired');
    }
    return phone;
  };
  return { typed, setTyped, phoneError, sending: send.isPending, sendCode, typedPhone };
}
