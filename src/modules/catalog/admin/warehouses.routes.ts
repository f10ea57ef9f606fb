import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ModuleContext } from '../../../server/core/module.js';
import { listCustomerGroups } from '../../companies/companies.service.js';
import { warehouses } from '../catalog.tables.js';
import { manage, notFound } from './common.js';

const tags = ['catalog admin'];
const params = z.object({ warehouseId: z.uuid() });
const body = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).nullable().optional(),
  deliveryDays: z.number().int().min(0).max(365).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  isActive: z.boolean().optional(),
});
const warehouseSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  deliveryDays: z.number(),
  position: z.number(),
  isActive: z.boolean(),
  externalId: z.string().nullable(),
});

/** Back-office warehouses: list, create, change, delete (a deactivated warehouse keeps its stock rows). */
export function warehouseAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => {
    const [row] = await db.select().from(warehouses).where(eq(warehouses.id, id));
    if (!row) throw notFound('warehouse');
    return row;
  };
  api.get(
    '/admin/catalog/customer-groups',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Customer groups to limit visibility and assign price lists to (read through the companies module)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async () => ({ items: await listCustomerGroups(db) }),
  );
  api.get(
    '/admin/catalog/warehouses',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Warehouses',
        response: { 200: z.object({ items: z.array(warehouseSchema) }) },
      },
    },
    async () => ({
      items: await db.select().from(warehouses).orderBy(asc(warehouses.position), asc(warehouses.name)),
    }),
  );
  api.post(
    '/admin/catalog/warehouses',
    {
      config: manage,
      schema: { tags, summary: 'Create a warehouse', body, response: { 201: warehouseSchema } },
    },
    async (request, reply) => {
      const id = uuidv7();
      await db.insert(warehouses).values({ id, ...request.body });
      return reply.code(201).send(await one(id));
    },
  );
  api.patch(
    '/admin/catalog/warehouses/:warehouseId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a warehouse',
        params,
        body: body.partial(),
        response: { 200: warehouseSchema },
      },
    },
    async (request) => {
      await one(request.params.warehouseId);
      await db.update(warehouses).set(request.body).where(eq(warehouses.id, request.params.warehouseId));
      return one(request.params.warehouseId);
    },
  );
  api.delete(
    '/admin/catalog/warehouses/:warehouseId',
    { config: manage, schema: { tags, summary: 'Delete a warehouse with its stock rows', params } },
    async (request, reply) => {
      await one(request.params.warehouseId);
      await db.delete(warehouses).where(eq(warehouses.id, request.params.warehouseId));
      return reply.code(204).send();
    },
  );
}
