import { Alert, Anchor, Button, Checkbox, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLogin } from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuthCard } from '../identity/AuthCard';
import { requestErrorKey } from '../identity/form';
import { safeRedirect } from '../identity/validation';
import { type SecondFactor, useSecondFactor } from './api';

const leads: Record<SecondFactor, TranslationKey> = {
  totp: 'twofactor.signIn.totpLead',
  otp: 'twofactor.signIn.otpLead',
  backup: 'twofactor.signIn.backupLead',
};

/**
 * The second step of sign-in, after a right password for an account with 2FA: a code from the app, a code
 * sent by e-mail/SMS, or a backup code; optionally trust this device for 30 days.
 */
export function TwoFactorSignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const search = new URLSearchParams(searchStr);
  const target = safeRedirect(search.get('redirect'));
  const hasApp = (search.get('methods') ?? 'totp').split(',').includes('totp');
  const { verify, send } = useSecondFactor();
  const [factor, setFactor] = useState<SecondFactor>(hasApp ? 'totp' : 'otp');
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const [codeError, setCodeError] = useState<TranslationKey | null>(null);
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const [expired, setExpired] = useState(false);
  usePageTitle(t('twofactor.signIn.pageTitle'));

  const onError = (error: unknown) => {
    if (
      isApiError(error, 429) ||
      (isApiError(error) && error.code === 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE')
    ) {
      setFormError('twofactor.signIn.tooMany');
    } else if (isApiError(error, 401) && error.code === 'INVALID_TWO_FACTOR_COOKIE') setExpired(true);
    else if (isApiError(error, 400, 401)) setCodeError('twofactor.signIn.wrongCode');
    else setFormError(requestErrorKey(error));
  };

  const choose = (next: SecondFactor) => {
    setFactor(next);
    setCode('');
    setCodeError(null);
    setFormError(null);
  };

  const sendCode = (channel: 'email' | 'sms') => {
    setFormError(null);
    send.mutate(channel, {
      onSuccess: () => {
        choose('otp');
        notifications.show({ message: t('twofactor.signIn.sent'), color: 'teal' });
      },
      onError,
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const value = factor === 'backup' ? code.trim() : code.replace(/\s/g, '');
    if (!value) {
      setCodeError('twofactor.signIn.codeRequired');
      return;
    }
    verify.mutate(
      { factor, code: value, trustDevice },
      {
        onSuccess: () => {
          notifications.show({ message: t('twofactor.signIn.done'), color: 'teal' });
          void navigate({ href: target, replace: true });
        },
        onError,
      },
    );
  };

  if (expired) {
    return (
      <AuthCard title={t('twofactor.signIn.title')} testId="two-factor-sign-in">
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertCircle />} data-testid="two-factor-expired">
            {t('twofactor.signIn.expired')}
          </Alert>
          <Button renderRoot={(props) => <Link to="/sign-in" search={{ redirect: target }} {...props} />}>
            {t('twofactor.signIn.restart')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('twofactor.signIn.title')} lead={t(leads[factor])} testId="two-factor-sign-in">
      <form onSubmit={submit} noValidate aria-label={t('twofactor.signIn.title')}>
        <Stack gap="md">
          {formError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="two-factor-error">
              {t(formError)}
            </Alert>
          ) : null}
          <TextInput
            key={factor}
            label={factor === 'backup' ? t('twofactor.signIn.backupCode') : t('twofactor.signIn.code')}
            name="code"
            inputMode={factor === 'backup' ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            autoFocus
            maxLength={factor === 'backup' ? 32 : 8}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setCodeError(null);
            }}
            error={codeError ? t(codeError) : undefined}
          />
          <Checkbox
            label={t('twofactor.signIn.trust')}
            checked={trustDevice}
            onChange={(event) => setTrustDevice(event.currentTarget.checked)}
          />
          <Button
            type="submit"
            fullWidth
            loading={verify.isPending || verify.isSuccess}
            leftSection={<IconLogin size={18} />}
          >
            {t('twofactor.signIn.submit')}
          </Button>
          <Stack gap={6} align="flex-start">
            {factor !== 'totp' && hasApp ? (
              <Anchor component="button" type="button" size="sm" onClick={() => choose('totp')}>
                {t('twofactor.signIn.useApp')}
              </Anchor>
            ) : null}
            {factor !== 'backup' ? (
              <Anchor component="button" type="button" size="sm" onClick={() => choose('backup')}>
                {t('twofactor.signIn.useBackup')}
              </Anchor>
            ) : null}
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => sendCode('email')}
              disabled={send.isPending}
            >
              {t('twofactor.signIn.sendEmail')}
            </Anchor>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => sendCode('sms')}
              disabled={send.isPending}
            >
              {t('twofactor.signIn.sendSms')}
            </Anchor>
          </Stack>
        </Stack>
      </form>
    </AuthCard>
  );
}
