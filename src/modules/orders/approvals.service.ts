import { and, asc, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { reserveStock } from '../catalog/stock.service.js';
import { approvalSettings } from './approvals.tables.js';
import { presentOrderSummary } from './orders.detail.js';
import {
  changeOrderStatus,
  lockOrder,
  type OrderActor,
  type OrderRow,
  recordOrderEvent,
  releaseOrderStock,
  systemActor,
} from './orders.lifecycle.js';
import { outOfStock } from './orders.place.js';
import type { approvalRuleBody, approvalRulePatch } from './orders.schema.js';
import { approvalRules, orderLines, orderReservations, orders } from './orders.tables.js';

/** Hours an order waiting for approval keeps its stock when the company has not set it. */
export const defaultHoldHours = 48;

type RuleRow = typeof approvalRules.$inferSelect;

export const presentRule = (r: RuleRow) => ({
  id: r.id,
  name: r.name,
  amountOver: r.amountOver,
  categoryIds: r.categoryIds,
  roles: r.roles,
  isActive: r.isActive,
});

/** The company's approval rules, oldest first. */
export async function listRules(db: Db, companyId: string) {
  const rows = await db
    .select()
    .from(approvalRules)
    .where(eq(approvalRules.companyId, companyId))
    .orderBy(asc(approvalRules.createdAt), asc(approvalRules.id));
  return { items: rows.map(presentRule) };
}

/** Adds a rule. */
export async function createRule(db: Db, companyId: string, body: z.infer<typeof approvalRuleBody>) {
  const [row] = await db
    .insert(approvalRules)
    .values({ id: uuidv7(), companyId, ...body })
    .returning();
  return presentRule(row as RuleRow);
}

/** Changes a rule of the company; another company's rule is NOT_FOUND. */
export async function updateRule(
  db: Db,
  companyId: string,
  ruleId: string,
  patch: z.infer<typeof approvalRulePatch>,
) {
  if (!zod.uuid().safeParse(ruleId).success) throw new AppError('NOT_FOUND', 'No such rule');
  const [row] = await db
    .update(approvalRules)
    .set(patch)
    .where(and(eq(approvalRules.id, ruleId), eq(approvalRules.companyId, companyId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such rule');
  return presentRule(row);
}

/** Deletes a rule of the company. */
export async function deleteRule(db: Db, companyId: string, ruleId: string): Promise<void> {
  if (!zod.uuid().safeParse(ruleId).success) throw new AppError('NOT_FOUND', 'No such rule');
  const gone = await db
    .delete(approvalRules)
    .where(and(eq(approvalRules.id, ruleId), eq(approvalRules.companyId, companyId)))
    .returning({ id: approvalRules.id });
  if (gone.length === 0) throw new AppError('NOT_FOUND', 'No such rule');
}

/** The company's approval settings (defaults when never saved). */
export async function getApprovalSettings(db: Db, companyId: string) {
  const [row] = await db.select().from(approvalSettings).where(eq(approvalSettings.companyId, companyId));
  return { holdHours: row?.holdHours ?? defaultHoldHours };
}

/** Saves the company's approval settings. */
export async function saveApprovalSettings(db: Db, companyId: string, body: { holdHours: number }) {
  await db
    .insert(approvalSettings)
    .values({ companyId, holdHours: body.holdHours })
    .onConflictDoUpdate({
      target: approvalSettings.companyId,
      set: { holdHours: body.holdHours, updatedAt: new Date() },
    });
  return getApprovalSettings(db, companyId);
}

/** What the rules look at in an order being placed. */
export interface ApprovalSubject {
  companyId: string;
  /** The placer's org role and whether it may approve orders itself. */
  role: string;
  canApprove: boolean;
  total: number;
  /** Category paths (ancestors and the category) of the lines' products. */
  categoryPaths: string[][];
}

/**
 * The reasons an order needs approval, one per matching active rule (empty: none). A rule applies to the
 * roles it lists, or, listing none, to every member who cannot approve orders; its amount and categories
 * (a category covers its descendants) must all match when set.
 */
export async function approvalReasons(db: Db, subject: ApprovalSubject): Promise<string[]> {
  const rules = await activeRulesQuery(db, subject.companyId).prepare('approval_rules_active').execute();
  return approvalReasonsOf(rules, subject);
}

/** The company's active rules, oldest first; placing an order runs this select in a statement of its own. */
export function activeRulesQuery(db: Db, companyId: string) {
  return db
    .select()
    .from(approvalRules)
    .where(and(eq(approvalRules.companyId, companyId), eq(approvalRules.isActive, true)))
    .orderBy(asc(approvalRules.createdAt));
}

/** Which of the rules hold the order back, as `rule:<id>:<name>` reasons. */
export function approvalReasonsOf(
  rules: readonly (typeof approvalRules.$inferSelect)[],
  subject: ApprovalSubject,
): string[] {
  const reasons: string[] = [];
  for (const rule of rules) {
    const appliesToPlacer = rule.roles.length ? rule.roles.includes(subject.role) : !subject.canApprove;
    if (!appliesToPlacer) continue;
    if (rule.amountOver !== null && !(subject.total > rule.amountOver)) continue;
    if (
      rule.categoryIds.length &&
      !subject.categoryPaths.some((path) => path.some((id) => rule.categoryIds.includes(id)))
    )
      continue;
    reasons.push(`rule:${rule.id}:${rule.name}`);
  }
  return reasons;
}

const cursorShape = zod.tuple([zod.string(), zod.string()]);

/** Orders of the company waiting for an approver, newest first. */
export async function listPendingApprovals(
  db: Db,
  companyId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const where = [
    eq(orders.companyId, companyId),
    eq(orders.approvalState, 'pending'),
    eq(orders.status, 'awaiting_approval'),
  ];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, cursorShape);
    where.push(sql`(${orders.createdAt}, ${orders.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentOrderSummary, (o) => [o.createdAt.toISOString(), o.id]);
}

/** Whether this approver may decide on this order: anyone with orders.approve except the buyer themselves, unless they own the company. */
export function mayDecide(order: OrderRow, approver: { id: string; role: string }): boolean {
  return order.personId !== approver.id || approver.role === 'owner';
}

/** Takes the stock again for an approved order whose hold lapsed, or fails with OUT_OF_STOCK. */
async function reReserve(tx: Db, order: OrderRow): Promise<void> {
  const lines = await tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.position));
  const warehouseId = order.delivery.kind === 'pickup' ? order.delivery.warehouseId : null;
  const result = await reserveStock(
    tx,
    lines.map((l) => ({ key: l.id, variantId: l.variantId, quantity: l.quantity })),
    warehouseId ? { onlyWarehouseId: warehouseId } : {},
  );
  if (!result.ok)
    throw outOfStock(
      lines.map((l) => ({ variantId: l.variantId })),
      result.shortages,
    );
  if (result.allocations.length) {
    await tx.insert(orderReservations).values(
      result.allocations.map((a) => ({
        orderId: order.id,
        lineId: a.key,
        variantId: a.variantId,
        warehouseId: a.warehouseId,
        quantity: a.quantity,
      })),
    );
  }
  await tx.update(orders).set({ holdsStock: true }).where(eq(orders.id, order.id));
}

/**
 * Approves or rejects a pending order of the company. Approval confirms it (or sends a card order to
 * payment), taking the stock again if its hold lapsed; rejection cancels it and frees the stock.
 */
export async function decideApproval(
  db: Db,
  companyId: string,
  orderId: string,
  approver: { id: string; name: string; role: string },
  decision: { approve: boolean; comment?: string | undefined },
): Promise<OrderRow> {
  if (!zod.uuid().safeParse(orderId).success) throw new AppError('NOT_FOUND', 'Order not found');
  if (!decision.approve && !decision.comment)
    throw new AppError('VALIDATION_FAILED', 'A rejection needs a comment', [
      { path: 'body.comment', message: 'Say why the order is rejected' },
    ]);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.companyId !== companyId) throw new AppError('NOT_FOUND', 'Order not found');
    if (order.approvalState !== 'pending' || order.status !== 'awaiting_approval')
      throw new AppError('APPROVAL_NOT_PENDING', 'The order is not waiting for approval');
    if (!mayDecide(order, approver))
      throw new AppError('FORBIDDEN', 'The buyer who placed the order cannot approve it');
    const actor: OrderActor = { kind: 'person', id: approver.id, name: approver.name };
    if (decision.approve && !order.holdsStock) await reReserve(tx, order);
    await tx
      .update(orders)
      .set({
        approvalState: decision.approve ? 'approved' : 'rejected',
        approvedBy: approver.id,
        approvalComment: decision.comment ?? null,
        approvalDecidedAt: new Date(),
        reservedUntil: null,
      })
      .where(eq(orders.id, orderId));
    await recordOrderEvent(tx, orderId, actor, {
      kind: 'approval',
      note: decision.comment ?? null,
      data: { decision: decision.approve ? 'approved' : 'rejected' },
    });
    const fresh = await lockOrder(tx, orderId);
    const to = !decision.approve
      ? 'cancelled'
      : order.paymentMethod === 'card_online'
        ? 'awaiting_payment'
        : 'confirmed';
    return changeOrderStatus(tx, orderId, to, actor, {
      order: fresh,
      note: decision.approve ? null : (decision.comment ?? null),
    });
  });
}

/**
 * Frees the stock of orders whose approval hold ran out (the approval stays pending; approving later takes
 * the stock again). Returns how many orders were released.
 */
export async function releaseExpiredHolds(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(isNotNull(orders.reservedUntil), eq(orders.holdsStock, true), lte(orders.reservedUntil, now)))
    .limit(500);
  let released = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      if (!order.holdsStock || !order.reservedUntil || order.reservedUntil > now) return;
      await releaseOrderStock(tx, id);
      await recordOrderEvent(tx, id, systemActor, {
        kind: 'approval',
        note: 'Stock reservation released: the approval took longer than the hold time',
        data: { reservationExpired: true },
      });
      released++;
    });
  }
  return released;
}
