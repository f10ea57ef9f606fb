import { and, desc, eq, exists, ilike, isNotNull, lt, not, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { staffMembers, users } from './people.tables.js';

export type PeopleFilter = 'all' | 'staff' | 'customers' | 'blocked';

const idCursor = z.tuple([z.string().max(100)]);
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** People for the back office: search by name, e-mail or phone; newest first; keyset by id (UUIDv7). */
export async function searchPeople(
  db: Db,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined; filter: PeopleFilter },
) {
  const before = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const isStaff = exists(
    db
      .select({ one: sql`1` })
      .from(staffMembers)
      .where(and(eq(staffMembers.userId, users.id), sql`cardinality(${staffMembers.roles}) > 0`)),
  );
  const q = query.q?.trim();
  const digits = q?.replace(/\D/g, '') ?? '';
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      createdAt: users.createdAt,
      blockedAt: users.blockedAt,
      roles: staffMembers.roles,
    })
    .from(users)
    .leftJoin(staffMembers, eq(staffMembers.userId, users.id))
    .where(
      and(
        before ? lt(users.id, before) : undefined,
        q
          ? or(
              ilike(users.name, likePattern(q)),
              ilike(users.email, likePattern(q)),
              digits.length >= 3 ? ilike(users.phone, likePattern(digits)) : undefined,
            )
          : undefined,
        query.filter === 'staff' ? isStaff : undefined,
        query.filter === 'customers' ? not(isStaff) : undefined,
        query.filter === 'blocked' ? isNotNull(users.blockedAt) : undefined,
      ),
    )
    .orderBy(desc(users.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      createdAt: r.createdAt.toISOString(),
      blocked: r.blockedAt !== null,
      staffRoles: r.roles ?? [],
    }),
    (r) => [r.id],
  );
}

/** Marks a person blocked (or no longer blocked). Returns false when there is no such person. */
export async function setBlocked(db: Db, userId: string, blocked: boolean): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ blockedAt: blocked ? sql`coalesce(${users.blockedAt}, now())` : null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Replaces a person's staff roles; no roles means they are no longer staff. */
export async function setStaffRoles(db: Db, userId: string, roles: string[]): Promise<void> {
  if (roles.length === 0) {
    await db.delete(staffMembers).where(eq(staffMembers.userId, userId));
    return;
  }
  await db
    .insert(staffMembers)
    .values({ userId, roles })
    .onConflictDoUpdate({ target: staffMembers.userId, set: { roles } });
}

/** Adds roles to a person's staff roles (an accepted invitation). */
export async function addStaffRoles(db: Db, userId: string, roles: string[]): Promise<void> {
  await db
    .insert(staffMembers)
    .values({ userId, roles })
    .onConflictDoUpdate({
      target: staffMembers.userId,
      set: { roles: sql`array(select distinct unnest(${staffMembers.roles} || excluded.roles))` },
    });
}
