import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Access, actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { type CatalogScope, loadCards, pricingContextOf } from '../catalog/index.js';
import {
  myOffersSchema,
  offerParams,
  orgParams,
  placementQuery,
  productParams,
  productRowSchema,
} from './offers.schema.js';
import { dismissOffer, myOffers } from './offers.service.js';
import { boughtTogetherIds, buyAgainIds } from './reco.service.js';
import type { Viewer } from './segments.service.js';

const tags = ['offers'];

interface Scope {
  scope: Extract<CatalogScope, 'me' | 'org'>;
  prefix: string;
  access: Access;
  params?: typeof orgParams;
}

const scopes: Scope[] = [
  { scope: 'me', prefix: '/me', access: { signedIn: true } },
  { scope: 'org', prefix: '/orgs/:orgId', access: { org: 'catalog.read' }, params: orgParams },
];

/** The person's offers in their own cabinet and in a company's (docs/offers.md). */
export function offersRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { scope, prefix, access, params } of scopes) {
    const viewerOf = (request: FastifyRequest): Viewer => ({
      personId: actorOf(request).id,
      companyId: scope === 'org' ? (request.params as { orgId: string }).orgId : null,
    });

    api.get(
      `${prefix}/offers`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Promotions for my segments, my personal offers and «buy again» (${scope}); placement home or catalog`,
          ...(params ? { params } : {}),
          querystring: placementQuery,
          response: { 200: myOffersSchema },
        },
      },
      async (request) => {
        const now = new Date();
        const viewer = viewerOf(request);
        const placement = request.query.placement;
        const [offers, buyAgain] = await Promise.all([
          myOffers(db, viewer, placement, now),
          placement === 'home' ? buyAgainIds(db, viewer.personId) : Promise.resolve([]),
        ]);
        const cards = buyAgain.length
          ? await loadCards(db, await pricingContextOf(db, request, scope, now), buyAgain)
          : [];
        return { ...offers, buyAgain: cards.slice(0, 8) };
      },
    );

    api.post(
      `${prefix}/offers/:offerId/dismiss`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Hide a personal offer for good (${scope})`,
          params: (params ?? orgParams.pick({})).extend(offerParams.shape),
        },
      },
      async (request, reply) => {
        await dismissOffer(db, viewerOf(request), request.params.offerId);
        return reply.code(204).send();
      },
    );

    api.get(
      `${prefix}/products/:productId/bought-together`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Products frequently bought together with this one, as catalog cards (${scope})`,
          params: (params ?? orgParams.pick({})).extend(productParams.shape),
          response: { 200: productRowSchema },
        },
      },
      async (request) => {
        const ctx = await pricingContextOf(db, request, scope);
        const { productId } = request.params;
        const [self, ids] = await Promise.all([
          loadCards(db, ctx, [productId]),
          boughtTogetherIds(db, productId),
        ]);
        // A product the context may not see is "not found", like in the catalog.
        if (self.length === 0) throw new AppError('NOT_FOUND', 'Product not found');
        return { items: ids.length ? await loadCards(db, ctx, ids) : [] };
      },
    );
  }
}
