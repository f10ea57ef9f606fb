import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../server/core/module.js';
import { listWarehouseSummaries } from '../catalog/catalog.service.js';
import {
  methodBody,
  methodPatch,
  methodSchema,
  tariffBody,
  tariffPatch,
  tariffSchema,
  zoneBody,
  zonePatch,
  zoneSchema,
} from './delivery.schema.js';
import * as delivery from './delivery.service.js';

const config = { access: { permission: 'delivery.manage' as const } };
const tags = ['delivery admin'];
const base = '/admin/delivery';

/**
 * Back-office CRUD of zones, methods and tariffs (`/api/v1/admin/delivery/…`, permission `delivery.manage`),
 * plus the catalog's warehouses for the pickup picker.
 */
export function deliveryAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const resources = [
    {
      path: 'zones',
      id: 'zoneId',
      body: zoneBody,
      patch: zonePatch,
      schema: zoneSchema,
      list: () => delivery.listZones(db),
      create: (b: z.infer<typeof zoneBody>) => delivery.createZone(db, b),
      update: (id: string, b: z.infer<typeof zonePatch>) => delivery.updateZone(db, id, b),
      remove: (id: string) => delivery.deleteZone(db, id),
    },
    {
      path: 'methods',
      id: 'methodId',
      body: methodBody,
      patch: methodPatch,
      schema: methodSchema,
      list: () => delivery.listMethods(db),
      create: (b: z.infer<typeof methodBody>) => delivery.createMethod(db, b),
      update: (id: string, b: z.infer<typeof methodPatch>) => delivery.updateMethod(db, id, b),
      remove: (id: string) => delivery.deleteMethod(db, id),
    },
    {
      path: 'tariffs',
      id: 'tariffId',
      body: tariffBody,
      patch: tariffPatch,
      schema: tariffSchema,
      list: () => delivery.listTariffs(db),
      create: (b: z.infer<typeof tariffBody>) => delivery.createTariff(db, b),
      update: (id: string, b: z.infer<typeof tariffPatch>) => delivery.updateTariff(db, id, b),
      remove: (id: string) => delivery.deleteTariff(db, id),
    },
  ] as const;
  // One loop for three resources; the casts only bridge the union of their body types.
  for (const r of resources) {
    const params = z.object({ id: z.uuid() });
    const one = `${base}/${r.path}/:id`;
    api.get(
      `${base}/${r.path}`,
      {
        config,
        schema: {
          tags,
          summary: `Delivery ${r.path}`,
          response: { 200: z.object({ items: z.array(r.schema) }) },
        },
      },
      async () => ({ items: await r.list() }),
    );
    api.post(
      `${base}/${r.path}`,
      { config, schema: { tags, summary: `Create (${r.path})`, body: r.body, response: { 201: r.schema } } },
      async (request, reply) =>
        reply.code(201).send(await (r.create as (b: unknown) => Promise<never>)(request.body)),
    );
    api.patch(
      one,
      {
        config,
        schema: { tags, summary: `Change (${r.path})`, params, body: r.patch, response: { 200: r.schema } },
      },
      async (request) =>
        (r.update as (id: string, b: unknown) => Promise<never>)(request.params.id, request.body),
    );
    api.delete(
      one,
      { config, schema: { tags, summary: `Delete (${r.path})`, params } },
      async (request, reply) => {
        await r.remove(request.params.id);
        return reply.code(204).send();
      },
    );
  }
  api.get(
    `${base}/warehouses`,
    {
      config,
      schema: {
        tags,
        summary: 'Catalog warehouses a pickup method can name (read through the catalog module)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                address: z.string().nullable(),
                isActive: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listWarehouseSummaries(db) }),
  );
}
