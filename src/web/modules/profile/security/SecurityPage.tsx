import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { usePageTitle } from '../../../ui/usePageTitle';
import { SignedInOnly } from '../SignedInOnly';
import { securitySections } from './sections';

/** Password, two-factor authentication and passkeys of the signed-in person. */
export function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.security.title'));
  return (
    <SignedInOnly>
      <PageHeader title={t('profile.security.title')} description={t('profile.security.description')} />
      <Stack gap="lg" maw={720} data-testid="security-page">
        {securitySections.map(({ id, component: Section }) => (
          <Section key={id} />
        ))}
      </Stack>
    </SignedInOnly>
  );
}
