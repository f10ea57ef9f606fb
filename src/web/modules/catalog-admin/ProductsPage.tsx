import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPackages, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { categoriesQuery, money, productsQuery, type Status } from './api';
import { BulkEditBar } from './BulkEditBar';
import { CatalogTabs } from './CatalogTabs';
import { CreateProductModal } from './CreateProductModal';
import { categoryOptions } from './categoryOptions';

/** Back office: products with search and filters, multi-select bulk edit, and creation. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('catalog-admin.products.title'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<Status | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [createOpened, create] = useDisclosure(false);
  const list = useInfiniteQuery(productsQuery({ q, status, categoryId }));
  const categories = useQuery(categoriesQuery);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const allSelected = rows.length > 0 && rows.every((r) => selected.includes(r.id));

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError && rows.length === 0)
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (rows.length === 0)
    body = (
      <StateMessage
        role="status"
        testId="products-empty"
        icon={<IconPackages size={28} />}
        title={t('catalog-admin.products.emptyTitle')}
        description={t('catalog-admin.products.emptyDescription')}
      />
    );
  else
    body = (
      <Stack gap="md">
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover data-testid="products-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t('catalog-admin.products.selectAll')}
                    checked={allSelected}
                    indeterminate={!allSelected && selected.length > 0}
                    onChange={() => setSelected(allSelected ? [] : rows.map((r) => r.id))}
                  />
                </Table.Th>
                <Table.Th>{t('catalog-admin.products.name')}</Table.Th>
                <Table.Th>{t('catalog-admin.products.sku')}</Table.Th>
                <Table.Th>{t('catalog-admin.products.category')}</Table.Th>
                <Table.Th ta="right">{t('catalog-admin.products.price')}</Table.Th>
                <Table.Th>{t('catalog-admin.products.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="product-row">
                  <Table.Td>
                    <Checkbox
                      aria-label={t('catalog-admin.products.select', { name: row.name })}
                      checked={selected.includes(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {row.thumbUrl ? (
                        <img
                          src={row.thumbUrl}
                          alt=""
                          width={32}
                          height={32}
                          style={{ objectFit: 'cover' }}
                        />
                      ) : null}
                      <Anchor
                        renderRoot={(props) => (
                          <Link
                            to="/admin/catalog/products/$productId"
                            params={{ productId: row.id }}
                            {...props}
                          />
                        )}
                      >
                        {row.name}
                      </Anchor>
                      {row.visibleGroupIds ? (
                        <Badge size="xs" variant="light" color="grape">
                          {t('catalog-admin.products.limited')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {row.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.categoryName ?? '—'}</Table.Td>
                  <Table.Td ta="right">{money(row.price, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={row.status === 'active' ? 'teal' : 'gray'}>
                      {t(`catalog-admin.status.${row.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.hasNextPage ? (
          <Group justify="center">
            <Button
              variant="default"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('catalog-admin.loadMore')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    );

  return (
    <>
      <PageHeader
        title={t('catalog-admin.products.title')}
        description={t('catalog-admin.products.description')}
        actions={
          <>
            {/* Import and export of products, prices and stock (the catalog-import module) put their buttons here. */}
            <Group gap="xs" data-slot="catalog-import" />
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              {t('catalog-admin.products.create')}
            </Button>
          </>
        }
      />
      <CatalogTabs active="products" />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          style={{ flex: '1 1 14rem' }}
          label={t('catalog-admin.products.search')}
          placeholder={t('catalog-admin.products.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select
          style={{ flex: '1 1 10rem' }}
          label={t('catalog-admin.products.status')}
          placeholder={t('catalog-admin.any')}
          clearable
          data={(['active', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`catalog-admin.status.${s}`),
          }))}
          value={status}
          onChange={(v) => setStatus(v as Status | null)}
        />
        <Select
          style={{ flex: '1 1 12rem' }}
          label={t('catalog-admin.products.category')}
          placeholder={t('catalog-admin.any')}
          clearable
          searchable
          data={categoryOptions(categories.data ?? [])}
          value={categoryId}
          onChange={setCategoryId}
        />
      </Group>
      {selected.length > 0 ? <BulkEditBar ids={selected} onDone={() => setSelected([])} /> : null}
      {body}
      <CreateProductModal opened={createOpened} onClose={create.close} />
    </>
  );
}
