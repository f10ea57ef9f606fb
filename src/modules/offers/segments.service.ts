import { desc, eq, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { getCompany } from '../companies/index.js';
import type { SegmentInput } from './offers.schema.js';
import { offerSegments, type SegmentRules } from './offers.tables.js';

/** Who is looking: a person, and the company they act for (null in their own cabinet). */
export interface Viewer {
  personId: string;
  companyId: string | null;
}

export type Segment = typeof offerSegments.$inferSelect;

interface PersonFacts {
  createdAt: Date | null;
  hasOrders: boolean;
  tierCode: string | null;
}

const dayMs = 86_400_000;

/**
 * The person's facts the rules read, in one statement. Orders and the loyalty tier are read set-wise from their
 * modules' tables (orders_person_created_idx, the loyalty_accounts key) — the preview count needs the same
 * predicates in SQL, so both paths read one source (docs/offers.md).
 */
async function personFacts(db: Db, personId: string): Promise<PersonFacts> {
  const [row] = await queryRows<{
    created_at: string | Date | null;
    has_orders: boolean;
    tier_code: string | null;
  }>(
    db,
    sql`select (select u.created_at from users u where u.id = ${personId}) as created_at,
      exists (select 1 from orders o where o.person_id = ${personId} and o.status <> 'cancelled') as has_orders,
      (select a.tier_code from loyalty_accounts a where a.person_id = ${personId}) as tier_code`,
  );
  return {
    createdAt: row?.created_at ? new Date(row.created_at) : null,
    hasOrders: Boolean(row?.has_orders),
    tierCode: row?.tier_code ?? null,
  };
}

interface CompanyFacts {
  kinds: string[];
  customerGroupId: string | null;
}

/** Whether a segment's rules (or its explicit list) take in this viewer. */
export function segmentMatches(
  segment: Pick<Segment, 'rules' | 'personIds'>,
  viewer: Viewer,
  person: PersonFacts,
  company: CompanyFacts | null,
  now: Date,
): boolean {
  if (segment.personIds.includes(viewer.personId)) return true;
  const r: SegmentRules = segment.rules;
  const inCompany = viewer.companyId !== null && company !== null;
  const companyRules = Boolean(r.customerGroupIds?.length || r.companyKinds?.length);
  if (r.audience === 'retail' && inCompany) return false;
  if ((r.audience === 'company' || companyRules) && !inCompany) return false;
  if (r.newWithinDays) {
    const recent =
      person.createdAt !== null && person.createdAt.getTime() >= now.getTime() - r.newWithinDays * dayMs;
    if (!recent && person.hasOrders) return false;
  }
  if (r.tierCodes?.length && !(person.tierCode && r.tierCodes.includes(person.tierCode))) return false;
  if (
    r.customerGroupIds?.length &&
    !(company?.customerGroupId && r.customerGroupIds.includes(company.customerGroupId))
  )
    return false;
  if (r.companyKinds?.length && !company?.kinds.some((k) => (r.companyKinds as string[]).includes(k)))
    return false;
  return true;
}

/**
 * The ids of the segments the viewer belongs to now: the person's facts and the company's in two or three small
 * reads, then every segment's rules in memory (segments are a staff-made handful).
 */
export async function segmentsOf(db: Db, viewer: Viewer, now: Date = new Date()): Promise<string[]> {
  const [segments, person, company] = await Promise.all([
    db
      .select({ id: offerSegments.id, rules: offerSegments.rules, personIds: offerSegments.personIds })
      .from(offerSegments),
    personFacts(db, viewer.personId),
    viewer.companyId ? getCompany(db, viewer.companyId) : Promise.resolve(null),
  ]);
  const facts = company ? { kinds: company.kinds, customerGroupId: company.customerGroupId } : null;
  return segments.filter((s) => segmentMatches(s, viewer, person, facts, now)).map((s) => s.id);
}

const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
const uuidArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;

/** The SQL of a segment's person rules over `u` (users). */
function personPredicates(r: SegmentRules, now: Date): SQL[] {
  const out: SQL[] = [sql`u.blocked_at is null`];
  if (r.newWithinDays) {
    const since = new Date(now.getTime() - r.newWithinDays * dayMs).toISOString();
    out.push(sql`(u.created_at >= ${since}::timestamptz or not exists (
      select 1 from orders o where o.person_id = u.id and o.status <> 'cancelled'))`);
  }
  if (r.tierCodes?.length) {
    out.push(sql`exists (select 1 from loyalty_accounts a where a.person_id = u.id
      and a.tier_code = any(${textArray(r.tierCodes)}))`);
  }
  return out;
}

/**
 * How many people a segment takes in now (the back office's preview): one counting statement. A company audience
 * counts each member of a matching company once; the explicit list is added (people who exist, counted once).
 */
export async function previewCount(
  db: Db,
  segment: Pick<Segment, 'rules' | 'personIds'>,
  now: Date = new Date(),
): Promise<number> {
  const r = segment.rules;
  const where = personPredicates(r, now);
  const companyRules = Boolean(r.customerGroupIds?.length || r.companyKinds?.length);
  let ruled: SQL;
  if (r.audience === 'company' || companyRules) {
    const company: SQL[] = [sql`c.status = 'active'`];
    if (r.customerGroupIds?.length)
      company.push(sql`c.customer_group_id = any(${uuidArray(r.customerGroupIds)})`);
    if (r.companyKinds?.length) company.push(sql`c.kinds && ${textArray(r.companyKinds)}`);
    ruled = sql`select m.user_id as id from company_members m
      join companies c on c.id = m.company_id join users u on u.id = m.user_id
      where ${sql.join([...company, ...where], sql` and `)}`;
  } else {
    // Everyone can open their own cabinet: the retail audience is every person who can sign in.
    ruled = sql`select u.id from users u where ${sql.join(where, sql` and `)}`;
  }
  const listed = segment.personIds.length
    ? sql` union select u.id from users u where u.id = any(${textArray(segment.personIds)})`
    : sql``;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${ruled}${listed}) s`);
  return row?.n ?? 0;
}

export async function listSegments(db: Db): Promise<Segment[]> {
  return db.select().from(offerSegments).orderBy(desc(offerSegments.createdAt), desc(offerSegments.id));
}

export async function getSegment(db: Db, id: string): Promise<Segment> {
  const [row] = await db.select().from(offerSegments).where(eq(offerSegments.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'Segment not found');
  return row;
}

export async function createSegment(db: Db, input: SegmentInput, now: Date = new Date()): Promise<Segment> {
  const [row] = await db
    .insert(offerSegments)
    .values({
      id: uuidv7(),
      ...input,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('segment not created');
  return row;
}

export async function updateSegment(
  db: Db,
  id: string,
  input: SegmentInput,
  now: Date = new Date(),
): Promise<Segment> {
  const [row] = await db
    .update(offerSegments)
    .set({ ...input, description: input.description ?? null, updatedAt: now })
    .where(eq(offerSegments.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Segment not found');
  return row;
}

/** Deletes a segment no promotion or offer targets (409 otherwise). */
export async function deleteSegment(db: Db, id: string): Promise<void> {
  const [used] = await queryRows<{ used: boolean }>(
    db,
    sql`select exists (select 1 from offer_promotions where ${id}::uuid = any(segment_ids))
      or exists (select 1 from personal_offers where ${id}::uuid = any(segment_ids)) as used`,
  );
  if (used?.used) throw new AppError('CONFLICT', 'The segment is targeted by a promotion or an offer');
  const deleted = await db
    .delete(offerSegments)
    .where(eq(offerSegments.id, id))
    .returning({ id: offerSegments.id });
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'Segment not found');
}

/** Refuses segment ids that do not exist (400 on the field). */
export async function assertSegmentsExist(db: Db, ids: readonly string[]): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from offer_segments where id = any(${uuidArray(ids)})`,
  );
  if (rows.length !== new Set(ids).size) {
    throw new AppError('VALIDATION_FAILED', 'Unknown segment', [
      { path: 'segmentIds', message: 'Unknown segment' },
    ]);
  }
}
