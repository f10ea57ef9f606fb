import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { recordAudit } from '../../audit/audit.service.js';
import { categories, products } from '../catalog.tables.js';
import { checkGroups, groupIdsField, invalid, isUniqueViolation, notFound } from './common.js';

export const categoryBody = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Latin letters, digits and dashes')
    .max(100)
    .optional(),
  parentId: z.uuid().nullable().optional(),
  description: z.string().max(10_000).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  visibleGroupIds: groupIdsField.optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export type CategoryBody = z.infer<typeof categoryBody>;

/** Every category, parents before children and siblings by position (the client builds the tree). */
export async function listCategories(db: Db) {
  const rows = await db
    .select({
      id: categories.id,
      parentId: categories.parentId,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      position: categories.position,
      path: categories.path,
      visibleGroupIds: categories.visibleGroupIds,
      status: categories.status,
      products:
        sql<number>`(select count(*) from ${products} where ${products.categoryId} = ${categories.id})`.mapWith(
          Number,
        ),
    })
    .from(categories)
    .orderBy(sql`cardinality(${categories.path})`, asc(categories.position), asc(categories.name));
  return rows;
}

const slugTaken = () =>
  new AppError('CONFLICT', 'This slug is already used', [
    { path: 'body.slug', message: 'This slug is already used' },
  ]);

/** A URL slug from a name (Cyrillic transliterated), unique enough with the id's tail. */
function slugOf(name: string, id: string): string {
  const map: Record<string, string> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'h',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'sch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
  };
  const base = [...name.toLowerCase()]
    .map((c) => map[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'category'}-${id.slice(-6)}`;
}

/** A uuid[] literal built from parameters (an empty one too). */
const uuidArray = (ids: string[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`;

async function pathOf(db: Db, id: string, field: string): Promise<string[]> {
  const [row] = await db.select({ path: categories.path }).from(categories).where(eq(categories.id, id));
  if (!row) throw invalid({ path: field, message: 'No such category' });
  return row.path;
}

/** Creates a category under a parent (or at the root). */
export async function createCategory(db: Db, request: FastifyRequest, body: CategoryBody): Promise<string> {
  await checkGroups(db, body.visibleGroupIds, 'body.visibleGroupIds');
  const id = uuidv7();
  const parentPath = body.parentId ? await pathOf(db, body.parentId, 'body.parentId') : [];
  try {
    await db.transaction(async (tx) => {
      await tx.insert(categories).values({
        id,
        ...body,
        slug: body.slug ?? slugOf(body.name, id),
        parentId: body.parentId ?? null,
        path: [...parentPath, id],
      });
      if (body.visibleGroupIds !== undefined && body.visibleGroupIds !== null) {
        await recordAudit(tx, request, {
          action: 'catalog.category_visibility_changed',
          subject: id,
          details: { from: null, to: body.visibleGroupIds },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  return id;
}

/**
 * Changes a category. Moving it (a new `parentId`) rewrites `path` of the whole subtree in one statement; a
 * category cannot move under itself or its own descendant.
 */
export async function updateCategory(
  db: Db,
  request: FastifyRequest,
  id: string,
  body: Partial<CategoryBody>,
) {
  await checkGroups(db, body.visibleGroupIds, 'body.visibleGroupIds');
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(categories).where(eq(categories.id, id)).for('update');
      if (!before) throw notFound('category');
      const { parentId, ...fields } = body;
      if (parentId !== undefined && parentId !== before.parentId) {
        const parentPath = parentId ? await pathOf(tx, parentId, 'body.parentId') : [];
        if (parentPath.includes(id)) {
          throw invalid({
            path: 'body.parentId',
            message: 'A category cannot move into itself or its subcategory',
          });
        }
        const depth = before.path.length; // 1-based position of `id` in every path of its subtree
        await tx
          .update(categories)
          .set({ path: sql`${uuidArray(parentPath)} || ${categories.path}[${depth}:]` })
          .where(sql`${categories.path} @> array[${id}]::uuid[]`);
        await tx.update(categories).set({ parentId }).where(eq(categories.id, id));
      }
      if (Object.keys(fields).length > 0) {
        await tx
          .update(categories)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(categories.id, id));
      }
      if (
        fields.visibleGroupIds !== undefined &&
        JSON.stringify(fields.visibleGroupIds) !== JSON.stringify(before.visibleGroupIds)
      ) {
        await recordAudit(tx, request, {
          action: 'catalog.category_visibility_changed',
          subject: id,
          details: { from: before.visibleGroupIds, to: fields.visibleGroupIds },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** Sets the order of a parent's children (ids in the new order). */
export async function reorderCategories(db: Db, parentId: string | null, ids: string[]) {
  await db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) {
      const changed = await tx
        .update(categories)
        .set({ position })
        .where(
          and(
            eq(categories.id, id),
            parentId ? eq(categories.parentId, parentId) : sql`${categories.parentId} is null`,
          ),
        )
        .returning({ id: categories.id });
      if (changed.length === 0)
        throw invalid({ path: `body.ids.${position}`, message: 'Not a child of this parent' });
    }
  });
}

/** Deletes an empty category (no subcategories, no products). */
export async function deleteCategory(db: Db, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id));
    if (!row) throw notFound('category');
    const [children] = await tx.select({ n: count() }).from(categories).where(eq(categories.parentId, id));
    const [items] = await tx.select({ n: count() }).from(products).where(eq(products.categoryId, id));
    if ((children?.n ?? 0) > 0 || (items?.n ?? 0) > 0) {
      throw new AppError('CONFLICT', 'Move or delete its subcategories and products first');
    }
    await tx.delete(categories).where(eq(categories.id, id));
  });
}
