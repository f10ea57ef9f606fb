import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
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
      thing: 'zone',
      body: zoneBody,
      patch: zonePatch,
      schema: zoneSchema,
      list: () => delivery.listZones(db),
      create: (tx: Db, b: z.infer<typeof zoneBody>) => delivery.createZone(tx, b),
      update: (tx: Db, id: string, b: z.infer<typeof zonePatch>) => delivery.updateZone(tx, id, b),
      remove: (tx: Db, id: string) => delivery.deleteZone(tx, id),
    },
    {
      path: 'methods',
      thing: 'method',
      body: methodBody,
      patch: methodPatch,
      schema: methodSchema,
      list: () => delivery.listMethods(db),
      create: (tx: Db, b: z.infer<typeof methodBody>) => delivery.createMethod(tx, b),
      update: (tx: Db, id: string, b: z.infer<typeof methodPatch>) => delivery.updateMethod(tx, id, b),
      remove: (tx: Db, id: string) => delivery.deleteMethod(tx, id),
    },
    {
      path: 'tariffs',
      thing: 'tariff',
      body: tariffBody,
      patch: tariffPatch,
      schema: tariffSchema,
      list: () => delivery.listTariffs(db),
      create: (tx: Db, b: z.infer<typeof tariffBody>) => delivery.createTariff(tx, b),
      update: (tx: Db, id: string, b: z.infer<typeof tariffPatch>) => delivery.updateTariff(tx, id, b),
      remove: (tx: Db, id: string) => delivery.deleteTariff(tx, id),
    },
  ] as const;
  /** Runs a change and its audit record in one transaction (tariffs are money; zones and methods decide them). */
  const audited = <T extends { id: string } | undefined>(
    request: FastifyRequest,
    action: string,
    subject: string | null,
    change: (tx: Db) => Promise<T>,
    details: unknown,
  ) =>
    db.transaction(async (tx) => {
      const result = await change(tx);
      await recordAudit(tx, request, {
        action,
        subject: subject ?? result?.id ?? null,
        details: (details ?? {}) as Record<string, unknown>,
      });
      return result;
    });
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
        reply
          .code(201)
          .send(
            await audited(
              request,
              `delivery.${r.thing}_created`,
              null,
              (tx) => (r.create as (tx: Db, b: unknown) => Promise<never>)(tx, request.body),
              request.body,
            ),
          ),
    );
    api.patch(
      one,
      {
        config,
        schema: { tags, summary: `Change (${r.path})`, params, body: r.patch, response: { 200: r.schema } },
      },
      async (request) =>
        audited(
          request,
          `delivery.${r.thing}_changed`,
          request.params.id,
          (tx) =>
            (r.update as (tx: Db, id: string, b: unknown) => Promise<never>)(
              tx,
              request.params.id,
              request.body,
            ),
          request.body,
        ),
    );
    api.delete(
      one,
      { config, schema: { tags, summary: `Delete (${r.path})`, params } },
      async (request, reply) => {
        await audited(
          request,
          `delivery.${r.thing}_deleted`,
          request.params.id,
          async (tx) => {
            await r.remove(tx, request.params.id);
            return undefined;
          },
          null,
        );
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
