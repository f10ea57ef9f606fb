import { Anchor, Button, SimpleGrid } from '@mantine/core';
import { IconHeart, IconHistory, IconLogin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { favoritesQuery, recentQuery } from './api';
import { ProductCard } from './ProductCard';
import { catalogPath, useCatalogScope } from './scope';

/** Asks a guest to sign in: favorites, compare and recently viewed are kept per person. */
export function CatalogSignIn() {
  const { t } = useTranslation();
  const { href } = useLocation();
  return (
    <StateMessage
      testId="catalog-sign-in"
      icon={<IconLogin size={28} />}
      title={t('catalog.lists.signInTitle')}
      description={t('catalog.lists.signInToKeep')}
      actions={
        <Button
          leftSection={<IconLogin size={16} />}
          renderRoot={(props) => <Link to="/sign-in" search={{ redirect: href } as never} {...props} />}
        >
          {t('shell.user.signIn')}
        </Button>
      }
    />
  );
}

/** Favorites or recently viewed: the products of a person's list as catalog cards. */
function ListPage({ kind }: { kind: 'favorites' | 'recent' }) {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const enabled = !pending && scope.kind !== 'public';
  const favorites = useQuery({ ...favoritesQuery(scope), enabled: enabled && kind === 'favorites' });
  const recent = useQuery({ ...recentQuery(scope), enabled: enabled && kind === 'recent' });
  const list = kind === 'favorites' ? favorites : recent;
  const title = t(`catalog.lists.${kind}.title`);
  usePageTitle(title);
  const back = (
    <Anchor size="sm" renderRoot={(props) => <Link to={catalogPath(scope)} {...props} />}>
      {t('catalog.title')}
    </Anchor>
  );
  let body: React.ReactNode;
  if (pending) body = <ListSkeleton />;
  else if (scope.kind === 'public') body = <CatalogSignIn />;
  else if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        testId="list-empty"
        icon={kind === 'favorites' ? <IconHeart size={28} /> : <IconHistory size={28} />}
        title={t(`catalog.lists.${kind}.empty`)}
        description={t(`catalog.lists.${kind}.emptyHint`)}
      />
    );
  else
    body = (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm" data-testid={`${kind}-list`}>
        {list.data.items.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </SimpleGrid>
    );
  return (
    <>
      <PageHeader title={title} above={back} />
      {body}
    </>
  );
}

/** The person's favorites (their own, or the ones they keep for the company of the URL). */
export function FavoritesPage() {
  return <ListPage kind="favorites" />;
}

/** The products the person opened lately. */
export function RecentPage() {
  return <ListPage kind="recent" />;
}
