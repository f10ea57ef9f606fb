import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';
import { PersonalOffersTab } from './PersonalOffersTab';
import { PromotionsTab } from './PromotionsTab';
import { RecommendationsTab } from './RecommendationsTab';
import { SegmentsTab } from './SegmentsTab';

/** Back office (permission loyalty.manage): segments, promotions, personal offers, recommendations. */
export function AdminOffersPage() {
  const { t } = useTranslation();
  usePageTitle(t('offers.admin.title'));
  const [tab, setTab] = useState<string | null>('promotions');
  return (
    <>
      <PageHeader title={t('offers.admin.title')} description={t('offers.admin.lead')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="promotions">{t('offers.admin.tabs.promotions')}</Tabs.Tab>
          <Tabs.Tab value="segments">{t('offers.admin.tabs.segments')}</Tabs.Tab>
          <Tabs.Tab value="offers">{t('offers.admin.tabs.offers')}</Tabs.Tab>
          <Tabs.Tab value="reco">{t('offers.admin.tabs.reco')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="promotions">
          <PromotionsTab />
        </Tabs.Panel>
        <Tabs.Panel value="segments">
          <SegmentsTab />
        </Tabs.Panel>
        <Tabs.Panel value="offers">
          <PersonalOffersTab />
        </Tabs.Panel>
        <Tabs.Panel value="reco">
          <RecommendationsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
