import {
  Anchor,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAdjustments,
  IconCategory,
  IconHeart,
  IconHistory,
  IconPackageOff,
  IconScale,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { CatalogOffers } from '../offers/CatalogOffers';
import { categoriesQuery, useProducts, warehousesQuery } from './api';
import { CategoryTree } from './CategoryTree';
import classes from './catalog.module.css';
import { FiltersPanel } from './FiltersPanel';
import { ProductCard } from './ProductCard';
import { RecentStrip } from './RecentStrip';
import { ScopeSwitch } from './ScopeSwitch';
import { SearchBox } from './SearchBox';
import { catalogPath, useCatalogScope } from './scope';
import {
  activeFilterCount,
  type CatalogFilters,
  filtersFromSearch,
  filtersToSearch,
  SORT_KEYS,
} from './search-params';
import { useStickyFacets } from './sticky-facets';

/** Matches the layout's two-column breakpoint (62em): below it, categories and filters open in drawers. */
const WIDE_QUERY = '(min-width: 62em)';

/**
 * The catalog home, a category page and search results in one: category tree, faceted filters, sorting, the
 * product grid or list with "show more". Everything the view depends on is in the URL.
 */
export function CatalogPage() {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const navigate = useNavigate();
  const location = useLocation();
  const filters = useMemo(
    () => filtersFromSearch(location.search as Record<string, unknown>),
    [location.search],
  );
  const wide = useMediaQuery(WIDE_QUERY, true, { getInitialValueInEffect: false });
  const [treeOpened, tree] = useDisclosure(false);
  const [filtersOpened, filterDrawer] = useDisclosure(false);

  const categories = useQuery({ ...categoriesQuery(scope), enabled: !pending });
  const products = useProducts(scope, filters, !pending);
  const facets = useStickyFacets(
    `${filters.category ?? ''}|${filters.q ?? ''}`,
    products.data?.pages[0]?.facets,
  );
  const warehouses = useQuery({ ...warehousesQuery(scope), enabled: scope.kind === 'org' });
  const category = categories.data?.items.find((c) => c.id === filters.category);
  const title = filters.q
    ? t('catalog.search.resultsFor', { q: filters.q })
    : (category?.name ?? t('catalog.title'));
  usePageTitle(title);

  const setFilters = (next: CatalogFilters) =>
    void navigate({ to: catalogPath(scope), search: filtersToSearch(next) as never });
  const patch = (change: Partial<CatalogFilters>) => setFilters({ ...filters, ...change });
  const selectCategory = (id: string | undefined) => {
    tree.close();
    // A new category starts with its own facets: property filters of the old one would not apply.
    setFilters({
      category: id,
      q: filters.q,
      sort: filters.sort,
      view: filters.view,
      inStock: filters.inStock,
    });
  };
  const reset = () =>
    setFilters({ category: filters.category, q: filters.q, sort: filters.sort, view: filters.view });
  const filterCount = activeFilterCount(filters);
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];
  const layout = filters.view ?? 'grid';

  const treeElement = (
    <CategoryTree
      categories={categories.data?.items}
      loading={categories.isPending}
      selected={filters.category}
      onSelect={selectCategory}
    />
  );
  const filtersElement = (
    <FiltersPanel
      facets={facets}
      filters={filters}
      warehouses={scope.kind === 'org' ? (warehouses.data?.items ?? []) : []}
      onChange={patch}
      onReset={reset}
    />
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={title}
        above={
          filters.q || category ? (
            <Anchor
              size="sm"
              renderRoot={(props) => <Link to={catalogPath(scope)} {...props} />}
              data-testid="catalog-home-link"
            >
              {t('catalog.title')}
            </Anchor>
          ) : undefined
        }
        actions={
          scope.kind === 'public' ? undefined : (
            <>
              <Button
                variant="light"
                size="sm"
                leftSection={<IconHeart size={16} aria-hidden="true" />}
                renderRoot={(props) => <Link to={catalogPath(scope, '/favorites')} {...props} />}
              >
                {t('catalog.lists.favorites.title')}
              </Button>
              <Button
                variant="light"
                size="sm"
                leftSection={<IconScale size={16} aria-hidden="true" />}
                renderRoot={(props) => <Link to={catalogPath(scope, '/compare')} {...props} />}
                data-testid="open-compare"
              >
                {t('catalog.lists.compare.title')}
              </Button>
              <Button
                variant="subtle"
                size="sm"
                leftSection={<IconHistory size={16} aria-hidden="true" />}
                renderRoot={(props) => <Link to={catalogPath(scope, '/recent')} {...props} />}
              >
                {t('catalog.lists.recent.title')}
              </Button>
            </>
          )
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Box style={{ flex: '1 1 18rem' }}>
          <SearchBox value={filters.q} onSearch={(q) => patch({ q, sort: q ? filters.sort : undefined })} />
        </Box>
        <ScopeSwitch scope={scope} search={location.search} />
      </Group>
      {scope.kind === 'public' ? (
        <Text size="sm" c="dimmed" data-testid="guest-prices-note">
          {t('catalog.scope.guestNote')}{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/sign-in" search={{ redirect: location.href } as never} {...props} />
            )}
          >
            {t('catalog.scope.signIn')}
          </Anchor>
        </Text>
      ) : null}

      <div className={classes.layout}>
        {wide ? (
          <Stack gap="lg" component="aside" aria-label={t('catalog.sidebar')}>
            <Paper withBorder p="xs">
              {treeElement}
            </Paper>
            <Paper withBorder p="sm">
              <Title order={2} size="h5" mb="sm">
                {t('catalog.filters.title')}
              </Title>
              {filtersElement}
            </Paper>
          </Stack>
        ) : (
          <>
            <Group gap="xs" grow>
              <Button
                variant="default"
                leftSection={<IconCategory size={16} aria-hidden="true" />}
                onClick={tree.open}
                data-testid="open-categories"
              >
                {t('catalog.categories.title')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} aria-hidden="true" />}
                rightSection={filterCount > 0 ? <Badge size="sm">{filterCount}</Badge> : null}
                onClick={filterDrawer.open}
                data-testid="open-filters"
              >
                {t('catalog.filters.title')}
              </Button>
            </Group>
            <Drawer opened={treeOpened} onClose={tree.close} title={t('catalog.categories.title')} size="85%">
              {treeElement}
            </Drawer>
            <Drawer
              opened={filtersOpened}
              onClose={filterDrawer.close}
              title={t('catalog.filters.title')}
              position="right"
              size="85%"
            >
              {filtersElement}
            </Drawer>
          </>
        )}

        <Stack gap="md" component="section" aria-label={t('catalog.results')}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Select
              label={t('catalog.sort.label')}
              allowDeselect={false}
              w={{ base: '100%', xs: 240 }}
              data={SORT_KEYS.filter((key) => key !== 'relevance' || filters.q).map((key) => ({
                value: key,
                label: t(`catalog.sort.${key}`),
              }))}
              value={filters.sort ?? (filters.q ? 'relevance' : 'name')}
              onChange={(value) => patch({ sort: (value as CatalogFilters['sort']) ?? undefined })}
              data-testid="catalog-sort"
            />
            <SegmentedControl
              aria-label={t('catalog.view.label')}
              value={layout}
              onChange={(value) => patch({ view: value === 'list' ? 'list' : undefined })}
              data={[
                { value: 'grid', label: t('catalog.view.grid') },
                { value: 'list', label: t('catalog.view.list') },
              ]}
            />
          </Group>
          {products.isPending || pending ? (
            <ListSkeleton rows={6} />
          ) : products.isError ? (
            <ErrorState error={products.error} onRetry={() => void products.refetch()} />
          ) : items.length === 0 ? (
            <StateMessage
              role="status"
              testId="catalog-empty"
              icon={<IconPackageOff size={28} />}
              title={filters.q ? t('catalog.empty.searchTitle', { q: filters.q }) : t('catalog.empty.title')}
              description={t('catalog.empty.description')}
              actions={
                filterCount > 0 || filters.q ? (
                  <Button variant="light" onClick={() => setFilters({ category: filters.category })}>
                    {t('catalog.filters.reset')}
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <>
              <VisuallyHidden role="status">{t('catalog.shown', { count: items.length })}</VisuallyHidden>
              <SimpleGrid
                cols={layout === 'list' ? 1 : { base: 1, xs: 2, md: 3, xl: 4 }}
                spacing="sm"
                data-testid="product-grid"
              >
                {items.map((product) => (
                  <ProductCard key={product.id} product={product} layout={layout} />
                ))}
              </SimpleGrid>
              {products.hasNextPage ? (
                <Button
                  variant="light"
                  onClick={() => void products.fetchNextPage()}
                  loading={products.isFetchingNextPage}
                  data-testid="show-more"
                  style={{ alignSelf: 'center' }}
                >
                  {t('catalog.showMore')}
                </Button>
              ) : null}
            </>
          )}
          {scope.kind !== 'public' ? <CatalogOffers /> : null}
          {scope.kind !== 'public' ? <RecentStrip /> : null}
        </Stack>
      </div>
    </Stack>
  );
}
