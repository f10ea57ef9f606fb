import { Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

const TABS = [
  ['products', '/admin/catalog'],
  ['categories', '/admin/catalog/categories'],
  ['warehouses', '/admin/catalog/warehouses'],
  ['prices', '/admin/catalog/prices'],
] as const;

/** The catalog back office's own sections, as links (each is a page with its own URL). */
export function CatalogTabs({ active }: { active: (typeof TABS)[number][0] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={active}
      onChange={(v) => void navigate({ to: TABS.find(([k]) => k === v)?.[1] ?? '/admin/catalog' })}
      mb="md"
    >
      <Tabs.List style={{ flexWrap: 'wrap' }} aria-label={t('catalog-admin.tabs.label')}>
        {TABS.map(([key]) => (
          <Tabs.Tab key={key} value={key}>
            {t(`catalog-admin.tabs.${key}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
