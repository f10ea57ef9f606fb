import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { pricingContextOf } from '../catalog/pricing/pricing-context.js';
import {
  assertCart,
  type CartContext,
  ensureCompanyDefaultCart,
  ensureGuestCart,
  ensurePersonalCart,
  guestCartCookie,
  hashGuestToken,
  newGuestToken,
} from './carts.access.js';
import { lineRoutes } from './carts.lines.routes.js';
import {
  cartListSchema,
  cartParams,
  cartPatchBody,
  cartViewSchema,
  newCartBody,
  orgCartParams,
  orgParams,
} from './carts.schema.js';
import { createCompanyCart, deleteCompanyCart, mergeGuestCart, updateCompanyCart } from './carts.service.js';
import { cartView, listCarts } from './carts.view.js';

const tags = ['carts'];
const noParams = z.object({});

/** A person only: the back-office operator has no cart. */
function personId(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person has a cart');
  return actor.id;
}

/**
 * Merges the guest cart of the request's cookie, if any, into the signed-in person's cart and drops the cookie;
 * called on sign-in and when the person opens their carts (covering every sign-in method).
 */
export async function mergeGuestCartOf(
  db: ModuleContext['db'],
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const token = request.cookies[guestCartCookie];
  if (!token) return;
  await mergeGuestCart(db, token, userId);
  reply.clearCookie(guestCartCookie, { path: '/' });
}

/** The guest's cart (`/public/cart`): one per browser, found by the cookie token's hash. */
async function guestRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { db, config } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const contextOf = async (request: FastifyRequest): Promise<CartContext> => {
    const token = request.cookies[guestCartCookie];
    return {
      pricing: await pricingContextOf(db, request, 'public'),
      guestTokenHash: token ? hashGuestToken(token) : null,
    };
  };
  api.get(
    '/public/cart',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The guest’s cart (null until something is added)',
        response: { 200: z.object({ cart: cartViewSchema.nullable() }) },
      },
    },
    async (request) => {
      const c = await contextOf(request);
      if (!c.guestTokenHash) return { cart: null };
      const [cart] = await listCarts(db, c);
      return { cart: cart ? await cartView(db, c, cart.id) : null };
    },
  );
  await lineRoutes(app, ctx, {
    prefix: '/public/cart',
    edit: { public: true },
    params: noParams,
    contextOf,
    async cartFor(_request, reply, c, create) {
      if (c.guestTokenHash) {
        const [cart] = await listCarts(db, c);
        if (cart) return cart.id;
      }
      if (!create) throw new AppError('NOT_FOUND', 'The cart is empty');
      const token = newGuestToken();
      c.guestTokenHash = hashGuestToken(token);
      reply.setCookie(guestCartCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.publicUrl.startsWith('https:'),
        maxAge: 30 * 24 * 3600,
      });
      return ensureGuestCart(db, c.guestTokenHash);
    },
  });
}

/** The signed-in person's own cart (`/me/carts`). */
async function personalRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { db } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { signedIn: true } as const;
  const contextOf = async (request: FastifyRequest): Promise<CartContext> => {
    personId(request);
    return { pricing: await pricingContextOf(db, request, 'me') };
  };
  api.get(
    '/me/carts',
    {
      config: { access },
      schema: { tags, summary: 'My personal cart (created on first use)', response: { 200: cartListSchema } },
    },
    async (request, reply) => {
      const userId = personId(request);
      await ensurePersonalCart(db, userId);
      await mergeGuestCartOf(db, request, reply, userId);
      return { items: await listCarts(db, await contextOf(request)) };
    },
  );
  api.get(
    '/me/carts/:cartId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'My cart, re-priced live',
        params: cartParams,
        response: { 200: cartViewSchema },
      },
    },
    async (request) => cartView(db, await contextOf(request), request.params.cartId),
  );
  await lineRoutes(app, ctx, {
    prefix: '/me/carts/:cartId',
    edit: access,
    params: cartParams,
    contextOf,
    cartFor: (request, _reply, c) => assertCart(db, c, (request.params as { cartId: string }).cartId),
    assertAccess: (request, c) => assertCart(db, c, (request.params as { cartId: string }).cartId),
  });
}

/** A company's carts (`/orgs/:orgId/carts`): each member's own and the shared shopping lists. */
async function companyRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { db } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { org: 'orders.read' } as const;
  const place = { org: 'orders.place' } as const;
  const contextOf = async (request: FastifyRequest): Promise<CartContext> => ({
    pricing: await pricingContextOf(db, request, 'org'),
  });

  api.get(
    '/orgs/:orgId/carts',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'My carts in the company and the shared ones (my default cart is created on first use)',
        params: orgParams,
        response: { 200: cartListSchema },
      },
    },
    async (request) => {
      await ensureCompanyDefaultCart(db, orgOf(request).orgId, personId(request));
      return { items: await listCarts(db, await contextOf(request)) };
    },
  );
  api.post(
    '/orgs/:orgId/carts',
    {
      config: { access: place },
      schema: {
        tags,
        summary: 'Creates a named cart (shopping list), private or shared with the members',
        params: orgParams,
        body: newCartBody,
        response: { 201: cartViewSchema },
      },
    },
    async (request, reply) => {
      const id = await createCompanyCart(db, orgOf(request).orgId, personId(request), request.body);
      return reply.code(201).send(await cartView(db, await contextOf(request), id));
    },
  );
  api.get(
    '/orgs/:orgId/carts/:cartId',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'A company cart, re-priced live',
        params: orgCartParams,
        response: { 200: cartViewSchema },
      },
    },
    async (request) => cartView(db, await contextOf(request), request.params.cartId),
  );
  api.patch(
    '/orgs/:orgId/carts/:cartId',
    {
      config: { access: place },
      schema: {
        tags,
        summary: 'Renames or (un)shares a cart I created',
        params: orgCartParams,
        body: cartPatchBody,
        response: { 200: cartViewSchema },
      },
    },
    async (request) => {
      const c = await contextOf(request);
      await updateCompanyCart(db, c, request.params.cartId, request.body);
      return cartView(db, c, request.params.cartId);
    },
  );
  api.delete(
    '/orgs/:orgId/carts/:cartId',
    {
      config: { access: place },
      schema: {
        tags,
        summary: 'Deletes a named cart I created',
        params: orgCartParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCompanyCart(db, await contextOf(request), request.params.cartId);
      return reply.code(204).send(null);
    },
  );
  await lineRoutes(app, ctx, {
    prefix: '/orgs/:orgId/carts/:cartId',
    edit: place,
    params: orgCartParams,
    contextOf,
    cartFor: (request, _reply, c) => assertCart(db, c, (request.params as { cartId: string }).cartId),
    assertAccess: (request, c) => assertCart(db, c, (request.params as { cartId: string }).cartId),
  });
}

/** Carts of guests, persons and companies, with quick order (docs/carts.md). */
export async function cartsRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  await guestRoutes(app, ctx);
  await personalRoutes(app, ctx);
  await companyRoutes(app, ctx);
}
