import { useQuery } from '@tanstack/react-query';
import { useCurrentOrgId } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';

/** Whose prices the catalog shows: a guest's, the person's own, or a company's the person acts for. */
export type CatalogScope = { kind: 'public' } | { kind: 'me' } | { kind: 'org'; orgId: string };

/**
 * The scope of the open page: the company in the URL (`/orgs/:orgId/catalog`), else the signed-in person,
 * else a guest. `pending` while the session is still loading, so no request goes out in the wrong scope.
 */
export function useCatalogScope(): { scope: CatalogScope; pending: boolean; signedIn: boolean } {
  const orgId = useCurrentOrgId();
  const session = useQuery(sessionQuery);
  const signedIn = Boolean(session.data?.user);
  if (orgId) return { scope: { kind: 'org', orgId }, pending: false, signedIn: true };
  if (session.isPending) return { scope: { kind: 'public' }, pending: true, signedIn: false };
  return { scope: signedIn ? { kind: 'me' } : { kind: 'public' }, pending: false, signedIn };
}

/** The client path prefix of the catalog in a scope: `/orgs/:orgId/catalog` for a company, else `/catalog`. */
export function catalogPath(scope: CatalogScope, rest = ''): string {
  const base = scope.kind === 'org' ? `/orgs/${encodeURIComponent(scope.orgId)}/catalog` : '/catalog';
  return `${base}${rest}`;
}

/** The client path of a product page in a scope. */
export const productPath = (scope: CatalogScope, productId: string) =>
  catalogPath(scope, `/products/${encodeURIComponent(productId)}`);
