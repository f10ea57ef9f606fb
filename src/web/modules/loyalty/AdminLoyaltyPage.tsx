import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';
import { PeopleSection } from './PeopleSection';
import { ReportsSection } from './ReportsSection';
import { SettingsSection } from './SettingsSection';

/** `/admin/loyalty`: the bonus rules, members' ledgers with adjustments, and reports. */
export function AdminLoyaltyPage() {
  const { t } = useTranslation();
  usePageTitle(t('loyalty.admin.title'));
  return (
    <Stack gap="lg" data-testid="admin-loyalty-page">
      <PageHeader title={t('loyalty.admin.title')} description={t('loyalty.admin.description')} />
      <Tabs defaultValue="reports" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="reports">{t('loyalty.admin.tabs.reports')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('loyalty.admin.tabs.people')}</Tabs.Tab>
          <Tabs.Tab value="settings">{t('loyalty.admin.tabs.settings')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="reports" pt="md">
          <ReportsSection />
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="md">
          <PeopleSection />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
