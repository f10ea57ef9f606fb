import { Anchor, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconScale, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type CompareTable, compareQuery, useToggleListed } from './api';
import classes from './catalog.module.css';
import { COMPARE_LIMIT } from './ListButtons';
import { CatalogSignIn } from './ListPage';
import { PriceTag } from './PriceTag';
import { ProductImage } from './ProductImage';
import { StockInfo } from './StockInfo';
import { catalogPath, productPath, useCatalogScope } from './scope';

interface Row {
  key: string;
  label: string;
  /** Each product's value as text ('' when it has none). */
  values: string[];
}

/** The rows of the table: SKU and brand, then the properties of the server's compare table. */
function tableRows(table: CompareTable, labels: { sku: string; brand: string }): Row[] {
  return [
    { key: 'sku', label: labels.sku, values: table.products.map((p) => p.sku) },
    { key: 'brand', label: labels.brand, values: table.products.map((p) => p.brand ?? '') },
    ...table.rows.map((row) => ({
      key: row.propertyId,
      label: row.unit ? `${row.name}, ${row.unit}` : row.name,
      values: row.values.map((value) => value ?? ''),
    })),
  ];
}

/** Side-by-side table of up to six products' properties; rows where they differ are highlighted. */
export function ComparePage() {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const [onlyDiff, setOnlyDiff] = useState(false);
  const list = useQuery({ ...compareQuery(scope), enabled: !pending && scope.kind !== 'public' });
  const remove = useToggleListed(scope, 'compare');
  const title = t('catalog.lists.compare.title');
  usePageTitle(title);

  const header = (
    <PageHeader
      title={title}
      above={
        <Anchor size="sm" renderRoot={(props) => <Link to={catalogPath(scope)} {...props} />}>
          {t('catalog.title')}
        </Anchor>
      }
    />
  );
  if (pending) return <ListSkeleton />;
  if (scope.kind === 'public')
    return (
      <>
        {header}
        <CatalogSignIn />
      </>
    );
  if (list.isError)
    return (
      <>
        {header}
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      </>
    );
  if (list.isPending)
    return (
      <>
        {header}
        <ListSkeleton />
      </>
    );
  if (list.data.products.length === 0)
    return (
      <>
        {header}
        <StateMessage
          role="status"
          testId="compare-empty"
          icon={<IconScale size={28} />}
          title={t('catalog.lists.compare.empty')}
          description={t('catalog.lists.compare.emptyHint', { count: COMPARE_LIMIT })}
        />
      </>
    );

  const products = list.data.products;
  const rows = tableRows(list.data, {
    sku: t('catalog.product.skuLabel'),
    brand: t('catalog.product.brand'),
  });
  const differs = (row: Row) => new Set(row.values).size > 1;
  const shown = onlyDiff ? rows.filter(differs) : rows;

  return (
    <Stack gap="md">
      {header}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('catalog.lists.compare.count', { count: products.length, max: COMPARE_LIMIT })}
        </Text>
        <Switch
          label={t('catalog.lists.compare.onlyDiff')}
          checked={onlyDiff}
          onChange={(event) => setOnlyDiff(event.currentTarget.checked)}
        />
      </Group>
      <Table.ScrollContainer minWidth={160 + products.length * 200} data-testid="compare-table">
        <Table withTableBorder withColumnBorders verticalSpacing="xs">
          <caption style={{ captionSide: 'top', textAlign: 'start' }}>
            <Text size="xs" c="dimmed" component="span">
              {t('catalog.lists.compare.legend')}
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th className={classes.stickyCol}>{t('catalog.lists.compare.product')}</Table.Th>
              {products.map((product) => (
                <Table.Th key={product.id} scope="col" style={{ minWidth: 200, verticalAlign: 'top' }}>
                  <Stack gap={6}>
                    <div style={{ width: 96, height: 96 }}>
                      <ProductImage image={product.image} />
                    </div>
                    <Anchor
                      renderRoot={(props) => <Link to={productPath(scope, product.id)} {...props} />}
                      fw={600}
                    >
                      {product.name}
                    </Anchor>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconX size={12} aria-hidden="true" />}
                      onClick={() => remove.mutate({ productId: product.id, listed: true })}
                      aria-label={t('catalog.lists.compare.remove', { name: product.name })}
                    >
                      {t('catalog.lists.compare.removeShort')}
                    </Button>
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" className={classes.stickyCol}>
                {t('catalog.price.myPrice')}
              </Table.Th>
              {products.map((product) => (
                <Table.Td key={product.id}>
                  <PriceTag price={product.price} unit={product.unit} />
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" className={classes.stickyCol}>
                {t('catalog.stock.title')}
              </Table.Th>
              {products.map((product) => (
                <Table.Td key={product.id}>
                  <StockInfo stock={product.stock} unit={product.unit} />
                </Table.Td>
              ))}
            </Table.Tr>
            {shown.map((row) => {
              const diff = differs(row);
              return (
                <Table.Tr
                  key={row.key}
                  className={diff ? classes.diff : undefined}
                  data-diff={diff || undefined}
                  data-testid="compare-row"
                >
                  <Table.Th scope="row" className={classes.stickyCol}>
                    {row.label}
                  </Table.Th>
                  {row.values.map((value, index) => (
                    <Table.Td key={products[index]?.id}>{value || '—'}</Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
