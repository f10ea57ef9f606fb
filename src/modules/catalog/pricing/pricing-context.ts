import type { FastifyRequest } from 'fastify';
import { actorOf, orgOf } from '../../../server/core/access.js';
import type { Db } from '../../../server/core/db.js';
import type { ReadCache } from '../../../server/core/read-cache.js';
import { getCompany } from '../../companies/companies.service.js';
import type { PricingContext } from './pricing.types.js';

/** The scope a catalog route serves: guests, a person on their own account, or a company member. */
export type CatalogScope = PricingContext['scope'];

/**
 * Builds the pricing context of a request in its scope (the route's access check has already run); with a read
 * cache, the company's customer group comes from it.
 */
export async function pricingContextOf(
  db: Db,
  request: FastifyRequest,
  scope: CatalogScope,
  at: Date = new Date(),
  cache?: ReadCache,
): Promise<PricingContext> {
  if (scope === 'public') return { scope, userId: null, companyId: null, customerGroupId: null, at };
  const userId = actorOf(request).id;
  if (scope === 'me') return { scope, userId, companyId: null, customerGroupId: null, at };
  const { orgId } = orgOf(request);
  const groupOf = async () => (await getCompany(db, orgId))?.customerGroupId ?? null;
  const customerGroupId = cache
    ? await cache.remember('catalog', `group:${orgId}`, groupOf, request)
    : await groupOf();
  return { scope, userId, companyId: orgId, customerGroupId, at };
}
