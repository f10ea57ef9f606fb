import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { properties, propertyOptions } from '../catalog.tables.js';
import { invalid, manage, notFound } from './common.js';

const tags = ['catalog admin'];
const params = z.object({ propertyId: z.uuid() });
const body = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(['text', 'number', 'list']),
  unit: z.string().trim().max(20).nullable().optional(),
  filterable: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Options of a list property in their order; an option with an id keeps it (product values stay linked). */
  options: z
    .array(z.object({ id: z.uuid().optional(), value: z.string().trim().min(1).max(200) }))
    .max(500)
    .optional(),
});
type Body = z.infer<typeof body>;
const propertySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  unit: z.string().nullable(),
  filterable: z.boolean(),
  position: z.number(),
  options: z.array(z.object({ id: z.string(), value: z.string() })),
});

async function listProperties(db: Db, id?: string) {
  const rows = await db
    .select()
    .from(properties)
    .where(id ? eq(properties.id, id) : undefined)
    .orderBy(asc(properties.position), asc(properties.name));
  const options = rows.length
    ? await db
        .select()
        .from(propertyOptions)
        .where(
          inArray(
            propertyOptions.propertyId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(propertyOptions.position))
    : [];
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    unit: p.unit,
    filterable: p.filterable,
    position: p.position,
    options: options.filter((o) => o.propertyId === p.id).map((o) => ({ id: o.id, value: o.value })),
  }));
}

/** Replaces a list property's options: kept ids are updated, missing ones removed, new ones added. */
async function saveOptions(db: Db, propertyId: string, options: NonNullable<Body['options']>) {
  const keep = options.flatMap((o) => (o.id ? [o.id] : []));
  const existing = new Set(
    (
      await db
        .select({ id: propertyOptions.id })
        .from(propertyOptions)
        .where(eq(propertyOptions.propertyId, propertyId))
    ).map((o) => o.id),
  );
  for (const [i, o] of options.entries()) {
    if (o.id && !existing.has(o.id))
      throw invalid({ path: `body.options.${i}.id`, message: 'Not an option of this property' });
  }
  await db
    .delete(propertyOptions)
    .where(
      and(
        eq(propertyOptions.propertyId, propertyId),
        keep.length ? notInArray(propertyOptions.id, keep) : undefined,
      ),
    );
  for (const [position, o] of options.entries()) {
    if (o.id)
      await db.update(propertyOptions).set({ value: o.value, position }).where(eq(propertyOptions.id, o.id));
    else await db.insert(propertyOptions).values({ id: uuidv7(), propertyId, value: o.value, position });
  }
}

/** Back-office properties (text, number with unit, list with options; filterable flag). */
export function propertyAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => {
    const [found] = await listProperties(db, id);
    if (!found) throw notFound('property');
    return found;
  };
  api.get(
    '/admin/catalog/properties',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Properties with their options',
        response: { 200: z.object({ items: z.array(propertySchema) }) },
      },
    },
    async () => ({ items: await listProperties(db) }),
  );
  api.post(
    '/admin/catalog/properties',
    {
      config: manage,
      schema: { tags, summary: 'Create a property', body, response: { 201: propertySchema } },
    },
    async (request, reply) => {
      const { options, ...fields } = request.body;
      if (options?.length && fields.type !== 'list')
        throw invalid({ path: 'body.options', message: 'Only a list property has options' });
      const id = uuidv7();
      await db.transaction(async (tx) => {
        await tx.insert(properties).values({ id, ...fields });
        if (options) await saveOptions(tx, id, options);
      });
      return reply.code(201).send(await one(id));
    },
  );
  api.patch(
    '/admin/catalog/properties/:propertyId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a property and its options',
        params,
        body: body.omit({ type: true }).partial(),
        response: { 200: propertySchema },
      },
    },
    async (request) => {
      const current = await one(request.params.propertyId);
      const { options, ...fields } = request.body;
      if (options?.length && current.type !== 'list')
        throw invalid({ path: 'body.options', message: 'Only a list property has options' });
      await db.transaction(async (tx) => {
        if (Object.keys(fields).length)
          await tx.update(properties).set(fields).where(eq(properties.id, current.id));
        if (options) await saveOptions(tx, current.id, options);
      });
      return one(current.id);
    },
  );
  api.delete(
    '/admin/catalog/properties/:propertyId',
    { config: manage, schema: { tags, summary: 'Delete a property with its values', params } },
    async (request, reply) => {
      await one(request.params.propertyId);
      await db.delete(properties).where(eq(properties.id, request.params.propertyId));
      return reply.code(204).send();
    },
  );
}
