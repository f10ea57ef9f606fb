import { Anchor, Badge, Group, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { productQuery } from './api';
import { MediaTab } from './MediaTab';
import { PricesTab } from './PricesTab';
import { ProductMainForm } from './ProductMainForm';
import { PropertiesTab } from './PropertiesTab';
import { RelatedTab } from './RelatedTab';
import { VariantsTab } from './VariantsTab';

const TABS = ['main', 'variants', 'properties', 'media', 'prices', 'related'] as const;

/** Back office: one product's editor, tab by tab. */
export function ProductPage() {
  const { t } = useTranslation();
  const { productId } = useParams({ strict: false }) as { productId: string };
  const product = useQuery(productQuery(productId));
  usePageTitle(product.data?.name ?? t('catalog-admin.product.title'));
  const back = (
    <Anchor component={Link} to="/admin/catalog" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden="true" />
        {t('catalog-admin.product.back')}
      </Group>
    </Anchor>
  );
  if (product.isPending) return <PageSkeleton />;
  if (isApiError(product.error, 401, 403)) return <NoAccess />;
  if (product.isError) return <ErrorState error={product.error} onRetry={() => void product.refetch()} />;
  const p = product.data;
  return (
    <>
      <PageHeader
        above={back}
        title={p.name}
        description={
          <Group gap="xs" component="span">
            <span>{p.sku}</span>
            <Badge variant="light" color={p.status === 'active' ? 'teal' : 'gray'}>
              {t(`catalog-admin.status.${p.status}`)}
            </Badge>
          </Group>
        }
      />
      <Tabs defaultValue="main" keepMounted={false}>
        <Tabs.List mb="md" style={{ flexWrap: 'wrap' }}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`catalog-admin.product.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="main">
          <ProductMainForm product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="variants">
          <VariantsTab product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="properties">
          <PropertiesTab product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="media">
          <MediaTab product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="prices">
          <PricesTab product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="related">
          <RelatedTab product={p} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
