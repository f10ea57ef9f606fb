import { z } from 'zod';
import type { Access } from '../../../server/core/access.js';
import type { CatalogScope } from '../pricing/pricing-context.js';

/** One scope of the shopper-facing catalog: its URL prefix (under /api/v1), declared access and path params. */
export interface ScopeRoute {
  scope: CatalogScope;
  prefix: string;
  access: Access;
  params: z.ZodObject<{ orgId?: z.ZodString }>;
}

const noParams = z.object({});
const orgParams = z.object({ orgId: z.string().max(64) });

/** The catalog in three scopes: guests (public assortment), a signed-in person, a company member. */
export const catalogScopes: ScopeRoute[] = [
  { scope: 'public', prefix: '/public/catalog', access: { public: true }, params: noParams },
  { scope: 'me', prefix: '/me/catalog', access: { signedIn: true }, params: noParams },
  { scope: 'org', prefix: '/orgs/:orgId/catalog', access: { org: 'catalog.read' }, params: orgParams },
];

/** The scopes where a person keeps lists and sees warehouses (not guests). */
export const personalScopes = catalogScopes.filter((s) => s.scope !== 'public');
