import { Alert, Button, Checkbox, Divider, Stack } from '@mantine/core';
import { IconAlertCircle, IconFingerprint, IconLogin2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { safeRedirect } from '../identity/validation';
import { passkeysSupported, signInOptionsQuery, startExternalSignIn, usePasskeySignIn } from './api';

/** What an `?error=` from a provider callback means to the person. */
function callbackErrorKey(error: string): TranslationKey {
  if (error === 'CONSENT_REQUIRED') return 'external.signIn.consentNeeded';
  if (error === 'account_not_linked') return 'external.signIn.errors.accountNotLinked';
  return 'external.signIn.errors.generic';
}

/**
 * Sign-in with external providers and passkeys, under the e-mail form of the sign-in and sign-up pages.
 * Shows only what the portal offers (GET /public/sign-in-options). A person created through a provider must
 * consent to personal-data processing first: on sign-up the box is here; on sign-in the server sends a new
 * person back with `?error=CONSENT_REQUIRED`, and the box appears.
 */
export function ExternalSignIn({ mode }: { mode: 'signIn' | 'signUp' }) {
  const { t, i18n } = useTranslation();
  const options = useQuery(signInOptionsQuery);
  const search = new URLSearchParams(useLocation({ select: (location) => location.searchStr }));
  const callbackError = search.get('error');
  const target = safeRedirect(search.get('redirect'));
  const askConsent = mode === 'signUp' || callbackError === 'CONSENT_REQUIRED';
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  // TWO_FACTOR_USE_PASSWORD is shown by the password form above.
  const [error, setError] = useState<TranslationKey | null>(
    callbackError && callbackError !== 'TWO_FACTOR_USE_PASSWORD' ? callbackErrorKey(callbackError) : null,
  );
  const passkey = usePasskeySignIn(target);

  if (!options.data) return null;
  const providers = options.data.methods.external ? options.data.providers : [];
  const offerPasskey = mode === 'signIn' && options.data.methods.passkey;
  if (providers.length === 0 && !offerPasskey) return null;

  const signInWith = async (provider: string) => {
    if (askConsent && !consent) {
      setConsentError(true);
      return;
    }
    setError(null);
    setPending(provider);
    try {
      await startExternalSignIn({
        provider,
        callbackURL: target,
        errorCallbackURL: mode === 'signUp' ? '/sign-up' : '/sign-in',
        consent: askConsent && consent,
        locale: i18n.language,
      });
    } catch (failure) {
      setPending(null);
      setError(
        isApiError(failure, 403) ? 'external.signIn.errors.disabled' : 'external.signIn.errors.generic',
      );
    }
  };

  const signInWithPasskey = () => {
    setError(null);
    if (!passkeysSupported()) {
      setError('external.signIn.errors.passkeyUnsupported');
      return;
    }
    passkey.mutate(undefined, { onError: () => setError('external.signIn.errors.passkeyFailed') });
  };

  return (
    <Stack gap="sm" mt="md" data-testid="external-sign-in">
      <Divider label={t('external.signIn.or')} labelPosition="center" />
      {error ? (
        <Alert
          color={error === 'external.signIn.consentNeeded' ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertCircle />}
          data-testid="external-sign-in-error"
        >
          {t(error)}
        </Alert>
      ) : null}
      {askConsent && providers.length > 0 ? (
        <Checkbox
          label={t('external.signIn.consent')}
          checked={consent}
          onChange={(event) => {
            setConsent(event.currentTarget.checked);
            setConsentError(false);
          }}
          aria-invalid={consentError ? true : undefined}
          error={consentError ? t('identity.validation.consentRequired') : undefined}
          data-testid="external-consent"
        />
      ) : null}
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="default"
          fullWidth
          leftSection={<IconLogin2 size={18} />}
          loading={pending === provider.id}
          disabled={pending !== null && pending !== provider.id}
          onClick={() => void signInWith(provider.id)}
        >
          {t(mode === 'signUp' ? 'external.signIn.signUpWith' : 'external.signIn.with', {
            provider: provider.name,
          })}
        </Button>
      ))}
      {offerPasskey ? (
        <Button
          variant="default"
          fullWidth
          leftSection={<IconFingerprint size={18} />}
          loading={passkey.isPending || passkey.isSuccess}
          onClick={signInWithPasskey}
        >
          {t('external.signIn.passkey')}
        </Button>
      ) : null}
    </Stack>
  );
}
