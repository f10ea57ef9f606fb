import { SegmentedControl } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { signInOptionsQuery } from './phone-api';

export type SignInChoice = 'password' | 'phone' | 'magicLink';

const choices: { value: SignInChoice; method: 'password' | 'phoneCode' | 'magicLink' }[] = [
  { value: 'password', method: 'password' },
  { value: 'phone', method: 'phoneCode' },
  { value: 'magicLink', method: 'magicLink' },
];

/**
 * Password / SMS code / e-mail link, as switched on by the business (GET /api/v1/public/sign-in-options).
 * Shows nothing while only one of them is on; moves off a choice that is switched off.
 */
export function SignInMethodSwitch({
  value,
  onChange,
}: {
  value: SignInChoice;
  onChange(value: SignInChoice): void;
}) {
  const { t } = useTranslation();
  const options = useQuery(signInOptionsQuery);
  const methods = options.data?.methods;
  // While the options load, every choice counts as available, so a choice from the URL is kept.
  const available = methods ? choices.filter((c) => methods[c.method]) : choices;
  const first = available[0]?.value;
  const current = available.some((c) => c.value === value);
  useEffect(() => {
    if (!current && first) onChange(first);
  }, [current, first, onChange]);
  if (!methods) return null;

  if (available.length < 2) return null;
  return (
    <SegmentedControl
      fullWidth
      mb="md"
      aria-label={t('identity.methods.label')}
      value={value}
      onChange={(next) => onChange(next as SignInChoice)}
      data={available.map((c) => ({
        value: c.value,
        label: t(`identity.methods.${c.value}`),
      }))}
      data-testid="sign-in-method"
    />
  );
}

/** The first choice on the sign-in page: the link form again after a magic link failed (`?magicLink=invalid`). */
export function initialSignInChoice(searchStr: string): SignInChoice {
  return new URLSearchParams(searchStr).get('magicLink') === 'invalid' ? 'magicLink' : 'password';
}
