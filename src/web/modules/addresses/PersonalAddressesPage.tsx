import { Anchor, Group, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';
import { SignedInOnly } from '../profile/SignedInOnly';
import { AddressBook } from './AddressBook';

/** My delivery addresses (B2C), reached from the user menu and the profile. */
export function PersonalAddressesPage() {
  const { t } = useTranslation();
  usePageTitle(t('addresses.personal.title'));
  return (
    <SignedInOnly>
      <Stack gap={0} maw={820}>
        <PageHeader
          title={t('addresses.personal.title')}
          description={t('addresses.personal.description')}
          above={
            <Anchor size="sm" renderRoot={(props) => <Link to="/profile" {...props} />}>
              <Group gap={4}>
                <IconArrowLeft size={14} aria-hidden="true" />
                {t('addresses.personal.back')}
              </Group>
            </Anchor>
          }
        />
        <AddressBook book={{ kind: 'person' }} canManage />
      </Stack>
    </SignedInOnly>
  );
}
