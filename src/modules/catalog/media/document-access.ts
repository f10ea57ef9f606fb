import { eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../server/core/db.js';
import { getCompany, membershipIn } from '../../companies/companies.service.js';
import { categories, productDocuments, products } from '../catalog.tables.js';

/**
 * A document with what decides who may download it: the product's status and visibility, and the visibility
 * of every category on the product's category path (a hidden parent hides its subtree).
 */
export async function documentWithVisibility(db: Db, documentId: string) {
  const [row] = await db
    .select({
      storageKey: productDocuments.storageKey,
      fileName: productDocuments.fileName,
      contentType: productDocuments.contentType,
      status: products.status,
      visibleGroupIds: products.visibleGroupIds,
      path: categories.path,
    })
    .from(productDocuments)
    .innerJoin(products, eq(products.id, productDocuments.productId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(productDocuments.id, documentId));
  if (!row) return null;
  const path = row.path ?? [];
  const lists = path.length
    ? (
        await db
          .select({ groups: categories.visibleGroupIds })
          .from(categories)
          .where(inArray(categories.id, path))
      ).map((c) => c.groups)
    : [];
  return { ...row, visibility: [row.visibleGroupIds, ...lists] };
}

/**
 * The customer group the request sees the catalog as: guests and persons on their own account have none;
 * with `orgId`, a member sees it as that company's group. `undefined` marks staff who manage the catalog.
 */
export async function viewerGroup(
  db: Db,
  request: FastifyRequest,
  orgId: string | undefined,
): Promise<string | null | undefined> {
  const actor = request.actor;
  if (actor?.permissions.includes('catalog.manage')) return undefined;
  if (!orgId || actor?.kind !== 'person') return null;
  if (!(await membershipIn(db, orgId, actor.id))) return null;
  return (await getCompany(db, orgId))?.customerGroupId ?? null;
}

/** Whether a viewer in this group may see something limited by these lists (null list: everyone). */
export function visibleTo(group: string | null, lists: (string[] | null)[]): boolean {
  return lists.every((list) => list === null || (group !== null && list.includes(group)));
}
