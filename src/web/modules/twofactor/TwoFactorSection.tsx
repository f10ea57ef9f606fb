import {
  Alert,
  Badge,
  Button,
  Group,
  Image,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconKey, IconRefresh, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { ErrorState } from '../../ui/StatusState';
import { requestErrorKey } from '../identity/form';
import { manualSecret, twoFactorStatusQuery, useTwoFactorActions } from './api';
import { BackupCodes } from './BackupCodes';

type Step =
  | { kind: 'idle' }
  | { kind: 'scan'; uri: string; backupCodes: string[] }
  | { kind: 'codes'; backupCodes: string[] };

function QrCode({ uri }: { uri: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(uri, { margin: 1, width: 200 }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? (
    <Image src={src} alt={t('twofactor.setup.qrAlt')} w={200} h={200} data-testid="totp-qr" />
  ) : (
    <Skeleton w={200} h={200} />
  );
}

/** Password prompt shared by turning on, turning off and new backup codes. */
function usePasswordField() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<TranslationKey | null>(null);
  return {
    password,
    error,
    setError,
    reset: () => setPassword(''),
    input: (label: string, t: (key: TranslationKey) => string) => (
      <PasswordInput
        label={label}
        autoComplete="current-password"
        value={password}
        onChange={(event) => {
          setPassword(event.currentTarget.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        error={error ? t(error) : undefined}
      />
    ),
  };
}

/** The security page's 2FA card: turn on (QR + key → code → backup codes), turn off, new backup codes. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const status = useQuery(twoFactorStatusQuery);
  const actions = useTwoFactorActions();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<TranslationKey | null>(null);
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const field = usePasswordField();

  const onPasswordError = (error: unknown) => {
    if (isApiError(error, 400) && error.code === 'INVALID_PASSWORD')
      field.setError('twofactor.section.wrongPassword');
    else setFormError(requestErrorKey(error));
  };
  const needPassword = () => {
    if (field.password || status.data?.hasPassword === false) return true;
    field.setError('twofactor.section.passwordRequired');
    return false;
  };

  const enable = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!needPassword()) return;
    actions.enable.mutate(field.password, {
      onSuccess: (data) => {
        field.reset();
        setCode('');
        setStep({ kind: 'scan', uri: data.totpURI, backupCodes: data.backupCodes });
      },
      onError: onPasswordError,
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== 'scan') return;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError('twofactor.signIn.codeRequired');
      return;
    }
    actions.confirm.mutate(digits, {
      onSuccess: () => {
        notifications.show({ message: t('twofactor.setup.enabled'), color: 'teal' });
        setStep({ kind: 'codes', backupCodes: step.backupCodes });
      },
      onError: (error) =>
        isApiError(error, 401)
          ? setCodeError('twofactor.setup.wrongCode')
          : setFormError(requestErrorKey(error)),
    });
  };

  const disable = () => {
    setFormError(null);
    if (!needPassword()) return;
    actions.disable.mutate(field.password, {
      onSuccess: () => {
        field.reset();
        notifications.show({ message: t('twofactor.section.disabled'), color: 'teal' });
      },
      onError: onPasswordError,
    });
  };

  const regenerate = () => {
    setFormError(null);
    if (!needPassword()) return;
    actions.regenerate.mutate(field.password, {
      onSuccess: (data) => {
        field.reset();
        setStep({ kind: 'codes', backupCodes: data.backupCodes });
      },
      onError: onPasswordError,
    });
  };

  let body: React.ReactNode;
  if (status.isPending) {
    body = <Skeleton h={80} />;
  } else if (status.isError) {
    body = <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  } else if (step.kind === 'codes') {
    body = <BackupCodes codes={step.backupCodes} onDone={() => setStep({ kind: 'idle' })} />;
  } else if (step.kind === 'scan') {
    body = (
      <form onSubmit={confirm} noValidate aria-label={t('twofactor.setup.scanTitle')}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('twofactor.setup.scanTitle')}
          </Title>
          <Text size="sm">{t('twofactor.setup.scanText')}</Text>
          <QrCode uri={step.uri} />
          <Text size="sm">{t('twofactor.setup.manual')}</Text>
          <Text ff="monospace" fw={600} data-testid="totp-secret" style={{ wordBreak: 'break-word' }}>
            {manualSecret(step.uri)}
          </Text>
          <TextInput
            label={t('twofactor.setup.code')}
            description={t('twofactor.setup.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setCodeError(null);
            }}
            error={codeError ? t(codeError) : undefined}
            w={{ base: '100%', xs: 220 }}
          />
          <Group gap="xs">
            <Button
              type="submit"
              loading={actions.confirm.isPending}
              leftSection={<IconShieldCheck size={18} />}
            >
              {t('twofactor.setup.confirm')}
            </Button>
            <Button variant="subtle" onClick={() => setStep({ kind: 'idle' })}>
              {t('twofactor.section.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  } else if (status.data.enabled) {
    body = (
      <Stack gap="sm">
        <Text size="sm">
          {status.data.authenticatorApp ? t('twofactor.section.appOn') : t('twofactor.section.appOff')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('twofactor.section.trustedNote', { days: status.data.trustDeviceDays })}
        </Text>
        {status.data.hasPassword ? field.input(t('twofactor.section.password'), t) : null}
        <Group gap="xs">
          <Button
            variant="light"
            onClick={regenerate}
            loading={actions.regenerate.isPending}
            leftSection={<IconRefresh size={18} />}
          >
            {t('twofactor.section.regenerate')}
          </Button>
          <Button
            variant="light"
            color="red"
            onClick={disable}
            loading={actions.disable.isPending}
            leftSection={<IconShieldOff size={18} />}
          >
            {t('twofactor.section.disable')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <form onSubmit={enable} noValidate aria-label={t('twofactor.section.enable')}>
        <Stack gap="sm">
          {status.data.hasPassword ? field.input(t('twofactor.section.password'), t) : null}
          <Button
            type="submit"
            loading={actions.enable.isPending}
            leftSection={<IconKey size={18} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('twofactor.section.enable')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="two-factor-title"
      data-testid="two-factor-section"
    >
      <Stack gap="md">
        <div>
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <Title order={2} size="h3" id="two-factor-title">
              {t('twofactor.section.title')}
            </Title>
            {status.data ? (
              <Badge
                color={status.data.enabled ? 'teal' : 'gray'}
                style={{ flexShrink: 0 }}
                data-testid="two-factor-state"
              >
                {status.data.enabled ? t('twofactor.section.on') : t('twofactor.section.off')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('twofactor.section.description')}
          </Text>
        </div>
        {status.data?.required && !status.data.enabled ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertCircle />}
            title={t('twofactor.section.requiredTitle')}
            data-testid="two-factor-required"
          >
            {t('twofactor.section.requiredText')}
          </Alert>
        ) : null}
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />}>
            {t(formError)}
          </Alert>
        ) : null}
        {body}
      </Stack>
    </Paper>
  );
}
