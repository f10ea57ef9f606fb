import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { type AddResult, addLines, ensureCompanyDefaultCart, ensurePersonalCart } from '../carts/index.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { pricingContextOf } from '../catalog/pricing/pricing-context.js';
import { orderParams, orgOrderParams } from './orders.schema.js';
import { type OrderScope, orderInScope } from './orders.service.js';
import { orderLines } from './orders.tables.js';

/**
 * "Repeat the order": puts its lines into a cart (the one given, else the person's cart or their default cart
 * in the company), re-priced by the cart as of now; what is no longer sold or has no price is reported, and
 * quantities are corrected to today's minimum and pack size.
 */
export async function repeatOrder(
  db: Db,
  input: { scope: OrderScope; orderId: string; personId: string; pricing: PricingContext; cartId?: string },
): Promise<AddResult & { cartId: string }> {
  const order = await orderInScope(db, input.scope, input.orderId);
  const lines = await db
    .select({ variantId: orderLines.variantId, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.position));
  const cartId =
    input.cartId ??
    (input.scope.kind === 'me'
      ? await ensurePersonalCart(db, input.personId)
      : await ensureCompanyDefaultCart(db, input.scope.companyId, input.personId));
  const result = await addLines(db, { pricing: input.pricing }, cartId, lines);
  return { ...result, cartId };
}

const repeatBody = z.object({ cartId: z.uuid().optional() }).optional();
const repeatResult = z.object({
  cartId: z.string(),
  added: z.number(),
  corrected: z.array(
    z.object({ variantId: z.string(), asked: z.number(), set: z.number(), reason: z.string() }),
  ),
  unavailable: z.array(z.object({ variantId: z.string(), reason: z.string() })),
});

function personOf(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person repeats orders');
  return actor;
}

/** POST /me/orders/:id/repeat and /orgs/:orgId/orders/:id/repeat (orders.place). */
export function repeatRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const s of [
    { scope: 'me', prefix: '/me', access: { signedIn: true }, params: orderParams },
    { scope: 'org', prefix: '/orgs/:orgId', access: { org: 'orders.place' }, params: orgOrderParams },
  ] as const) {
    api.post(
      `${s.prefix}/orders/:id/repeat`,
      {
        config: { access: s.access },
        schema: {
          tags: ['orders'],
          summary: `Puts an order's lines into a cart again, re-priced (${s.scope})`,
          params: s.params,
          body: repeatBody,
          response: { 200: repeatResult },
        },
      },
      async (request) => {
        const person = personOf(request);
        const scope: OrderScope =
          s.scope === 'me'
            ? { kind: 'me', personId: person.id }
            : { kind: 'org', companyId: orgOf(request).orgId };
        const result = await repeatOrder(db, {
          scope,
          orderId: (request.params as { id: string }).id,
          personId: person.id,
          pricing: await pricingContextOf(db, request, s.scope),
          ...(request.body?.cartId ? { cartId: request.body.cartId } : {}),
        });
        return {
          cartId: result.cartId,
          added: result.added,
          corrected: result.corrected,
          unavailable: result.unavailable,
        };
      },
    );
  }
}
