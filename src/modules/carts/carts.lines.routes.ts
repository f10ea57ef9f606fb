import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Access } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import type { CartContext } from './carts.access.js';
import { parseQuickOrderFile, parseQuickOrderText, previewQuickOrder } from './carts.quick-order.js';
import {
  addLinesBody,
  addResultSchema,
  lineParams,
  maxQuickOrderFileBytes,
  quickOrderPreviewSchema,
  quickOrderTextBody,
  setQuantityBody,
} from './carts.schema.js';
import { addLines, clearCart, removeLine, setQuantity } from './carts.service.js';
import { cartView } from './carts.view.js';

/** How one scope (guest, me, org) serves the lines of a cart. */
export interface LineScope {
  /** URL of one cart, under /api/v1 (`/public/cart`, `/me/carts/:cartId`, `/orgs/:orgId/carts/:cartId`). */
  prefix: string;
  /** Access to change lines and preview quick orders. */
  edit: Access;
  params: z.ZodObject;
  contextOf(request: FastifyRequest): Promise<CartContext>;
  /** The cart a write goes to (a guest's is created, with its cookie, on the first write). */
  cartFor(request: FastifyRequest, reply: FastifyReply, ctx: CartContext, create: boolean): Promise<string>;
  /** Checks the cart in the URL before a quick-order preview (the guest's preview needs no cart). */
  assertAccess?(request: FastifyRequest, ctx: CartContext): Promise<unknown>;
}

const tags = ['carts'];

/** Reads the one uploaded file of a multipart request, refusing other bodies and oversized files. */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  try {
    const file = await request.file();
    if (!file)
      throw new AppError('VALIDATION_FAILED', 'No file', [{ path: 'file', message: 'Choose a file' }]);
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The file must be at most ${maxQuickOrderFileBytes / 1024 / 1024} MB`,
      );
    }
    throw error;
  }
}

/** Adding, changing and removing lines, and the quick-order preview, in one scope. */
export async function lineRoutes(app: FastifyInstance, { db }: ModuleContext, s: LineScope): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: s.edit };
  const result = async (ctx: CartContext, cartId: string, r?: Partial<z.infer<typeof addResultSchema>>) => ({
    added: 0,
    corrected: [],
    unavailable: [],
    ...r,
    cart: await cartView(db, ctx, cartId),
  });
  const lineParamsOf = s.params.extend(lineParams.shape);

  api.post(
    `${s.prefix}/lines`,
    {
      config,
      schema: {
        tags,
        summary: 'Adds lines to the cart (quantities fitted to the minimum order and pack multiplicity)',
        params: s.params,
        body: addLinesBody,
        response: { 200: addResultSchema },
      },
    },
    async (request, reply) => {
      const ctx = await s.contextOf(request);
      const cartId = await s.cartFor(request, reply, ctx, true);
      return result(ctx, cartId, await addLines(db, ctx, cartId, request.body.lines));
    },
  );

  api.patch(
    `${s.prefix}/lines/:variantId`,
    {
      config,
      schema: {
        tags,
        summary: 'Sets the quantity of a line',
        params: lineParamsOf,
        body: setQuantityBody,
        response: { 200: addResultSchema },
      },
    },
    async (request, reply) => {
      const ctx = await s.contextOf(request);
      const cartId = await s.cartFor(request, reply, ctx, false);
      const { variantId } = request.params as { variantId: string };
      const fixed = await setQuantity(db, ctx, cartId, variantId, request.body.quantity);
      return result(ctx, cartId, { corrected: fixed ? [fixed] : [] });
    },
  );

  api.delete(
    `${s.prefix}/lines/:variantId`,
    {
      config,
      schema: { tags, summary: 'Removes a line', params: lineParamsOf, response: { 200: addResultSchema } },
    },
    async (request, reply) => {
      const ctx = await s.contextOf(request);
      const cartId = await s.cartFor(request, reply, ctx, false);
      await removeLine(db, ctx, cartId, (request.params as { variantId: string }).variantId);
      return result(ctx, cartId);
    },
  );

  api.delete(
    `${s.prefix}/lines`,
    {
      config,
      schema: { tags, summary: 'Empties the cart', params: s.params, response: { 200: addResultSchema } },
    },
    async (request, reply) => {
      const ctx = await s.contextOf(request);
      const cartId = await s.cartFor(request, reply, ctx, false);
      await clearCart(db, ctx, cartId);
      return result(ctx, cartId);
    },
  );

  api.post(
    `${s.prefix}/quick-order`,
    {
      config,
      schema: {
        tags,
        summary: 'Quick order preview from pasted "SKU quantity" lines (nothing is added yet)',
        params: s.params,
        body: quickOrderTextBody,
        response: { 200: quickOrderPreviewSchema },
      },
    },
    async (request) => {
      const ctx = await s.contextOf(request);
      await s.assertAccess?.(request, ctx);
      return previewQuickOrder(db, ctx, parseQuickOrderText(request.body.text));
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxQuickOrderFileBytes, files: 1, fields: 2, parts: 3 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${s.prefix}/quick-order/file`,
      {
        config,
        schema: {
          tags,
          summary: 'Quick order preview from an XLSX or CSV file (multipart field "file": SKU, quantity)',
          consumes: ['multipart/form-data'],
          params: s.params,
          response: { 200: quickOrderPreviewSchema },
        },
      },
      async (request) => {
        const ctx = await s.contextOf(request);
        await s.assertAccess?.(request, ctx);
        const data = await uploadedFile(request);
        return previewQuickOrder(db, ctx, await parseQuickOrderFile(data));
      },
    );
  });
}
