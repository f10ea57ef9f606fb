import { type SQL, sql } from 'drizzle-orm';

/**
 * Assortment visibility (docs/catalog.md, "Visibility"). A product is visible to a customer group when it is
 * active, its own `visible_group_ids` allow the group (null: everyone), and no category on its path
 * (`categories.path`: the ancestors and the category itself) is archived or limited to other groups. Guests and
 * retail persons have no group: they see only what is open to everyone.
 *
 * Every read of the shopper-facing catalog (lists, search, facets, categories, one product, personal lists)
 * filters through these fragments, so a hidden product is the same "not found" as an unknown id.
 */

/** A uuid[] literal parameter from ids that are already validated as uuids. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** Whether a `visible_group_ids` column lets the group see the row. */
function groupAllows(column: SQL, groupId: string | null): SQL {
  if (!groupId) return sql`${column} is null`;
  return sql`(${column} is null or ${groupId}::uuid = any(${column}))`;
}

/**
 * The ids of categories the group may not see (their own limit or an ancestor's), as an uncorrelated array
 * subquery: PostgreSQL evaluates it once per statement. Categories that are limited themselves are few (found
 * through the partial index `categories_limited_idx`, whose condition is the first one here), and the subtree of
 * each is one GIN lookup on `path`.
 */
export function hiddenCategoryIds(groupId: string | null): SQL {
  return sql`array(select hc.id from categories hc where hc.path && array(
    select rc.id from categories rc where (rc.status <> 'active' or rc.visible_group_ids is not null)
      and (rc.status <> 'active' or not ${groupAllows(sql`rc.visible_group_ids`, groupId)})))`;
}

/** The visibility predicate of a product row aliased `p`. */
export function productVisible(groupId: string | null): SQL {
  return sql`(p.status = 'active' and ${groupAllows(sql`p.visible_group_ids`, groupId)}
    and (p.category_id is null or not (p.category_id = any(${hiddenCategoryIds(groupId)}))))`;
}

/** The visibility predicate of a category row aliased `c`. */
export function categoryVisible(groupId: string | null): SQL {
  return sql`not (c.id = any(${hiddenCategoryIds(groupId)}))`;
}
