import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { recordAudit } from '../../audit/audit.service.js';
import { priceListAssignments, priceLists, prices } from '../catalog.tables.js';
import { checkCompany, checkGroup, invalid, isUniqueViolation, manage, notFound } from './common.js';

const tags = ['catalog admin'];
const params = z.object({ priceListId: z.uuid() });
const body = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]+$/i, 'Latin letters, digits, - and _')
    .max(50),
  name: z.string().trim().min(1).max(200),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  vatIncluded: z.boolean().optional(),
  /** The default list prices guests and everyone without an assignment; only one list is the default. */
  isDefault: z.boolean().optional(),
});
const listSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  vatIncluded: z.boolean(),
  isDefault: z.boolean(),
  externalId: z.string().nullable(),
  prices: z.number(),
  assignments: z.array(
    z.object({ id: z.string(), customerGroupId: z.string().nullable(), companyId: z.string().nullable() }),
  ),
});
const assignmentBody = z.object({ customerGroupId: z.uuid().optional(), companyId: z.uuid().optional() });

async function listPriceLists(db: Db) {
  const lists = await db
    .select({
      id: priceLists.id,
      code: priceLists.code,
      name: priceLists.name,
      currency: priceLists.currency,
      vatIncluded: priceLists.vatIncluded,
      isDefault: priceLists.isDefault,
      externalId: priceLists.externalId,
      prices:
        sql<number>`(select count(*) from ${prices} where ${prices.priceListId} = ${priceLists.id})`.mapWith(
          Number,
        ),
    })
    .from(priceLists)
    .orderBy(asc(priceLists.name));
  const assignments = await db
    .select()
    .from(priceListAssignments)
    .orderBy(asc(priceListAssignments.createdAt));
  return lists.map((l) => ({
    ...l,
    assignments: assignments
      .filter((a) => a.priceListId === l.id)
      .map((a) => ({ id: a.id, customerGroupId: a.customerGroupId, companyId: a.companyId })),
  }));
}

const codeTaken = () =>
  new AppError('CONFLICT', 'This code is already used', [
    { path: 'body.code', message: 'This code is already used' },
  ]);

/** Back-office price lists (price types) and their assignments to customer groups and companies. */
export function priceListAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => {
    const found = (await listPriceLists(db)).find((l) => l.id === id);
    if (!found) throw notFound('price list');
    return found;
  };
  const save = async (id: string, fields: Partial<z.infer<typeof body>>, create: boolean) => {
    try {
      await db.transaction(async (tx) => {
        // One default list: taking the role unsets the previous one in the same transaction.
        if (fields.isDefault)
          await tx.update(priceLists).set({ isDefault: false }).where(eq(priceLists.isDefault, true));
        if (create) await tx.insert(priceLists).values({ id, ...(fields as z.infer<typeof body>) });
        else if (Object.keys(fields).length)
          await tx.update(priceLists).set(fields).where(eq(priceLists.id, id));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken();
      throw error;
    }
  };

  api.get(
    '/admin/catalog/price-lists',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Price lists with their assignments',
        response: { 200: z.object({ items: z.array(listSchema) }) },
      },
    },
    async () => ({ items: await listPriceLists(db) }),
  );
  api.post(
    '/admin/catalog/price-lists',
    { config: manage, schema: { tags, summary: 'Create a price list', body, response: { 201: listSchema } } },
    async (request, reply) => {
      const id = uuidv7();
      await save(id, request.body, true);
      return reply.code(201).send(await one(id));
    },
  );
  api.patch(
    '/admin/catalog/price-lists/:priceListId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a price list',
        params,
        body: body.partial(),
        response: { 200: listSchema },
      },
    },
    async (request) => {
      const current = await one(request.params.priceListId);
      if (request.body.isDefault === false && current.isDefault) {
        throw invalid({ path: 'body.isDefault', message: 'Make another list the default instead' });
      }
      await save(current.id, request.body, false);
      return one(current.id);
    },
  );
  api.delete(
    '/admin/catalog/price-lists/:priceListId',
    {
      config: manage,
      schema: { tags, summary: 'Delete a price list with its prices (not the default one)', params },
    },
    async (request, reply) => {
      const current = await one(request.params.priceListId);
      if (current.isDefault) throw new AppError('CONFLICT', 'The default price list cannot be deleted');
      await db.delete(priceLists).where(eq(priceLists.id, current.id));
      return reply.code(204).send();
    },
  );
  api.post(
    '/admin/catalog/price-lists/:priceListId/assignments',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Assign the list to a customer group or to one company (contract prices); replaces its previous list',
        params,
        body: assignmentBody,
        response: { 201: listSchema },
      },
    },
    async (request, reply) => {
      const current = await one(request.params.priceListId);
      const { customerGroupId, companyId } = request.body;
      if (Boolean(customerGroupId) === Boolean(companyId)) {
        throw invalid([
          { path: 'body.customerGroupId', message: 'Choose a customer group or a company' },
          { path: 'body.companyId', message: 'Choose a customer group or a company' },
        ]);
      }
      await checkGroup(db, customerGroupId, 'body.customerGroupId');
      await checkCompany(db, companyId, 'body.companyId');
      await db.transaction(async (tx) => {
        const target = customerGroupId
          ? eq(priceListAssignments.customerGroupId, customerGroupId)
          : eq(priceListAssignments.companyId, companyId as string);
        await tx.delete(priceListAssignments).where(target);
        await tx.insert(priceListAssignments).values({
          id: uuidv7(),
          priceListId: current.id,
          customerGroupId: customerGroupId ?? null,
          companyId: companyId ?? null,
        });
        await recordAudit(tx, request, {
          action: 'catalog.price_list_assigned',
          subject: current.id,
          details: { customerGroupId: customerGroupId ?? null, companyId: companyId ?? null },
        });
      });
      return reply.code(201).send(await one(current.id));
    },
  );
  api.delete(
    '/admin/catalog/price-lists/:priceListId/assignments/:assignmentId',
    {
      config: manage,
      schema: { tags, summary: 'Remove an assignment', params: params.extend({ assignmentId: z.uuid() }) },
    },
    async (request, reply) => {
      const removed = await db.transaction(async (tx) => {
        const rows = await tx
          .delete(priceListAssignments)
          .where(
            and(
              eq(priceListAssignments.id, request.params.assignmentId),
              eq(priceListAssignments.priceListId, request.params.priceListId),
            ),
          )
          .returning();
        if (rows.length) {
          await recordAudit(tx, request, {
            action: 'catalog.price_list_unassigned',
            subject: request.params.priceListId,
            details: {
              customerGroupId: rows[0]?.customerGroupId ?? null,
              companyId: rows[0]?.companyId ?? null,
            },
          });
        }
        return rows.length;
      });
      if (!removed) throw notFound('assignment');
      return reply.code(204).send();
    },
  );
}
