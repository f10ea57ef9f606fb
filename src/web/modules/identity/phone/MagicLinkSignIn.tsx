import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMailFast, IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../../i18n/types';
import { requestErrorKey } from '../form';
import { emailProblem } from '../validation';
import { useRequestMagicLink } from './phone-api';

/** Sign-in by a one-time link: the address, then "check your mail". */
export function MagicLinkSignIn({ target, invalidLink }: { target: string; invalidLink: boolean }) {
  const { t } = useTranslation();
  const request = useRequestMagicLink();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<TranslationKey | null>(null);
  const [error, setError] = useState<TranslationKey | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const problem = emailProblem(email);
    if (problem) {
      setEmailError(problem);
      return;
    }
    const address = email.trim();
    request.mutate(
      { email: address, target },
      { onSuccess: () => setSentTo(address), onError: (e) => setError(requestErrorKey(e)) },
    );
  };

  if (sentTo) {
    return (
      <Stack gap="sm" align="center" ta="center" data-testid="magic-link-sent" role="status">
        <IconMailFast size={40} aria-hidden="true" />
        <Text fw={600} size="lg">
          {t('identity.magicLink.sent.title')}
        </Text>
        <Text style={{ overflowWrap: 'anywhere' }}>
          <Trans
            i18nKey="identity.magicLink.sent.text"
            values={{ email: sentTo }}
            components={{ b: <strong /> }}
          />
        </Text>
        <Text size="sm" c="dimmed">
          {t('identity.magicLink.sent.hint')}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={() => setSentTo(null)}>
          {t('identity.magicLink.sent.again')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t('identity.methods.magicLink')}
      data-testid="magic-link-sign-in"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('identity.magicLink.lead')}
        </Text>
        {invalidLink ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle />} data-testid="magic-link-invalid">
            {t('identity.magicLink.invalid')}
          </Alert>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t(error)}
          </Alert>
        ) : null}
        <TextInput
          label={t('identity.fields.email')}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setEmailError(null);
          }}
          error={emailError ? t(emailError) : undefined}
        />
        <Button type="submit" fullWidth loading={request.isPending} leftSection={<IconSend size={18} />}>
          {t('identity.magicLink.submit')}
        </Button>
      </Stack>
    </form>
  );
}
