import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type Access, actorOf, orgOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { sendCachedJson } from '../../server/core/read-cache.js';
import { checkoutLinesOf } from '../carts/index.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { pricingContextOf } from '../catalog/pricing/pricing-context.js';
import { placeOrder } from './orders.place.js';
import {
  cancelBody,
  checkoutOptionsBody,
  checkoutOptionsSchema,
  orderListQuery,
  orderPageSchema,
  orderParams,
  orderSchema,
  orgOrderParams,
  orgParams,
  payAgainSchema,
  placeHeaders,
  placeOrderBody,
} from './orders.schema.js';
import {
  cancelOrder,
  checkoutOptions,
  listOrders,
  type OrderScope,
  type OrderViewer,
  orderDetail,
  orderPageOf,
  payOrder,
} from './orders.service.js';

const tags = ['orders'];

interface Scope {
  scope: 'me' | 'org';
  prefix: string;
  read: Access;
  place: Access;
  params: z.ZodObject;
  itemParams: z.ZodObject;
}

const scopes: Scope[] = [
  {
    scope: 'me',
    prefix: '/me',
    read: { signedIn: true },
    place: { signedIn: true },
    params: orderParams.pick({}),
    itemParams: orderParams,
  },
  {
    scope: 'org',
    prefix: '/orgs/:orgId',
    read: { org: 'orders.read' },
    place: { org: 'orders.place' },
    params: orgParams,
    itemParams: orgOrderParams,
  },
];

/** The signed-in person (an operator has no orders of their own). */
function person(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person places and sees orders');
  return actor;
}

function scopeOf(request: FastifyRequest, scope: Scope['scope']): OrderScope {
  return scope === 'me'
    ? { kind: 'me', personId: person(request).id }
    : { kind: 'org', companyId: orgOf(request).orgId };
}

function viewerOf(request: FastifyRequest, scope: Scope['scope']): OrderViewer {
  const actor = person(request);
  if (scope === 'me') return { id: actor.id, name: actor.name };
  const org = orgOf(request);
  return {
    id: actor.id,
    name: actor.name,
    role: org.role,
    canApprove: org.permissions.includes('orders.approve'),
    canPlace: org.permissions.includes('orders.place'),
  };
}

/** Whose orders the scope shows, as the order cache versions name owners (migration 0034). */
const ownerOf = (scope: OrderScope) => (scope.kind === 'org' ? scope.companyId : scope.personId);

/** Order pages in the web app: the payment page returns the payer there. */
const orderPage = (publicUrl: string, request: FastifyRequest, scope: Scope['scope']) =>
  scope === 'me' ? `${publicUrl}/orders/{id}` : `${publicUrl}/orgs/${orgOf(request).orgId}/orders/{id}`;

/** The lines to check out: the cart's (when `cartId` is given and the viewer may see it), else `lines`. */
export async function linesOf(
  db: Db,
  body: { cartId?: string | undefined; lines?: { variantId: string; quantity: number }[] | undefined },
  pricing: PricingContext,
) {
  if (body.cartId) return checkoutLinesOf(db, { pricing }, body.cartId);
  return body.lines ?? [];
}

/** Checkout, placement, history, detail, cancel and pay again, for a person and for a company (docs/orders.md). */
export function ordersRoutes(app: FastifyInstance, { db, config, secrets, readCache }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const payments = { config, secrets };
  for (const s of scopes) {
    const detailOf = (request: FastifyRequest, id: string) =>
      orderDetail(db, scopeOf(request, s.scope), id, viewerOf(request, s.scope));
    /**
     * History and order pages come from the read cache until the owner's orders change (docs/performance.md).
     * The URL names the company and the filters or the order; an order page also says what the viewer may do
     * with it, which depends on who they are in the company.
     */
    const cached = <T extends z.ZodType>(
      request: FastifyRequest,
      reply: FastifyReply,
      schema: T,
      load: () => Promise<z.output<T>>,
      options: { perViewer: boolean },
    ) => {
      const viewer = viewerOf(request, s.scope);
      const who = options.perViewer
        ? [viewer.id, viewer.role, viewer.canApprove, viewer.canPlace].join(':')
        : '';
      return sendCachedJson(reply, readCache, `${who}:${request.url}`, schema, load, {
        ordersOf: ownerOf(scopeOf(request, s.scope)),
      });
    };

    api.post(
      `${s.prefix}/checkout/options`,
      {
        config: { access: s.place },
        schema: {
          tags,
          summary: `What checkout offers for these lines (${s.scope}): addresses, delivery, payment, credit`,
          params: s.params,
          body: checkoutOptionsBody,
          response: { 200: checkoutOptionsSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request, s.scope);
        const pricing = await pricingContextOf(db, request, s.scope, new Date(), readCache);
        return checkoutOptions(db, {
          scope: scopeOf(request, s.scope),
          personId: viewer.id,
          ...(viewer.role ? { role: viewer.role } : {}),
          canApprove: viewer.canApprove ?? false,
          pricing,
          lines: await linesOf(db, request.body, pricing),
          addressId: request.body.addressId,
          desiredDate: request.body.desiredDate,
        });
      },
    );

    api.post(
      `${s.prefix}/orders`,
      {
        config: { access: s.place },
        schema: {
          tags,
          summary: `Places an order (${s.scope}); a repeat with the same Idempotency-Key returns the first order`,
          params: s.params,
          headers: placeHeaders,
          body: placeOrderBody,
          response: { 200: orderSchema, 201: orderSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request, s.scope);
        const body = request.body;
        const pricing = await pricingContextOf(db, request, s.scope, new Date(), readCache);
        const lines = await linesOf(db, body, pricing);
        if (!lines.length) throw new AppError('CART_EMPTY', 'The order has no lines');
        const scope = scopeOf(request, s.scope);
        const { order, created, rows } = await placeOrder(db, payments, {
          owner: {
            personId: viewer.id,
            personName: viewer.name,
            companyId: scope.kind === 'org' ? scope.companyId : null,
            ...(viewer.role ? { role: viewer.role } : {}),
            canApprove: viewer.canApprove ?? false,
          },
          pricing,
          lines,
          ...(body.cartId ? { cartId: body.cartId } : {}),
          delivery: body.delivery,
          paymentMethod: body.paymentMethod,
          comment: body.comment,
          idempotencyKey: request.headers['idempotency-key'],
          savePaymentMethod: body.savePaymentMethod,
          savedPaymentMethodId: body.savedPaymentMethodId,
          promoCode: body.promoCode,
          bonusPoints: body.bonusPoints,
          locale: person(request).locale === 'en' ? 'en' : 'ru',
          returnUrl: orderPage(config.publicUrl, request, s.scope),
          cache: readCache,
          request,
        });
        // A new order's page is built from what placing it wrote; a repeat reads the first order's.
        const page = rows ? await orderPageOf(db, scope, rows, viewer) : await detailOf(request, order.id);
        return reply.code(created ? 201 : 200).send(page);
      },
    );

    api.get(
      `${s.prefix}/orders`,
      {
        config: { access: s.read },
        schema: {
          tags,
          summary: `Order history (${s.scope}) with filters, newest first`,
          params: s.params,
          querystring: orderListQuery,
          response: { 200: orderPageSchema },
        },
      },
      async (request, reply) =>
        cached(
          request,
          reply,
          orderPageSchema,
          () => listOrders(db, scopeOf(request, s.scope), request.query),
          {
            perViewer: false,
          },
        ),
    );

    api.get(
      `${s.prefix}/orders/:id`,
      {
        config: { access: s.read },
        schema: {
          tags,
          summary: `One order (${s.scope})`,
          params: s.itemParams,
          response: { 200: orderSchema },
        },
      },
      async (request, reply) =>
        cached(request, reply, orderSchema, () => detailOf(request, (request.params as { id: string }).id), {
          perViewer: true,
        }),
    );

    api.post(
      `${s.prefix}/orders/:id/cancel`,
      {
        config: { access: s.place },
        schema: {
          tags,
          summary: `Cancels an order while its status allows (${s.scope}); its stock goes back`,
          params: s.itemParams,
          body: cancelBody,
          response: { 200: orderSchema },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await cancelOrder(
          db,
          scopeOf(request, s.scope),
          id,
          viewerOf(request, s.scope),
          request.body?.reason,
        );
        return detailOf(request, id);
      },
    );

    api.post(
      `${s.prefix}/orders/:id/pay`,
      {
        config: { access: s.place },
        schema: {
          tags,
          summary: `Starts (again) the card payment of an unpaid card order (${s.scope})`,
          params: s.itemParams,
          response: { 200: payAgainSchema },
        },
      },
      async (request) =>
        payOrder(
          db,
          payments,
          scopeOf(request, s.scope),
          (request.params as { id: string }).id,
          person(request).id,
          orderPage(config.publicUrl, request, s.scope),
        ),
    );
  }
}
