import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { FileStorage } from '../../server/core/storage.js';
import type { ClaimKind, ClaimStatus } from '../../shared/orders.js';
import { peopleByIds } from '../people/people.service.js';
import { claimStatusMail } from './aftercare.mail.js';
import { milli, scopedOrder } from './aftercare.scope.js';
import { storeAttachments, type UploadedFile } from './attachments.js';
import { notifyClaimStatus } from './orders.inapp.js';
import { lockOrder, type OrderActor, recordOrderEvent } from './orders.lifecycle.js';
import {
  claimLines,
  claims,
  orderAttachments,
  orderLines,
  orders,
  shipmentLines,
  shipments,
} from './orders.tables.js';
import type { AttachmentUrlOf } from './returns.service.js';

/** Where a claim may go from each status. */
export const claimTransitions: Record<ClaimStatus, readonly ClaimStatus[]> = {
  submitted: ['in_review'],
  in_review: ['accepted', 'rejected'],
  accepted: ['resolved'],
  rejected: ['resolved'],
  resolved: [],
};

/** Order statuses in which goods have left the warehouse and a claim can be filed. */
export const claimableStatuses = ['shipped', 'delivered', 'completed'] as const;

export interface NewClaim {
  kind: ClaimKind;
  shipmentId?: string | null | undefined;
  description: string;
  requestedResolution?: string | null | undefined;
  lines: Array<{ lineId: string; quantity: number }>;
}

type ClaimRow = typeof claims.$inferSelect;

/**
 * Files a company's claim on goods that were shipped: lines of the order up to their shipped quantity (of the
 * chosen shipment when one is named), numbered `<order>-C<n>`, with photos and documents.
 */
export async function fileClaim(
  tx: Db,
  storage: FileStorage,
  actor: OrderActor & { id: string },
  companyId: string,
  orderId: string,
  input: NewClaim,
  files: UploadedFile[],
) {
  const scoped = await scopedOrder(tx, { kind: 'org', companyId }, orderId);
  const order = await lockOrder(tx, scoped.id);
  if (!(claimableStatuses as readonly string[]).includes(order.status)) {
    throw new AppError('CLAIM_NOT_ALLOWED', 'A claim can be filed once the order has shipped');
  }
  if (input.shipmentId) {
    const [own] = await tx
      .select({ id: shipments.id })
      .from(shipments)
      .where(and(eq(shipments.id, input.shipmentId), eq(shipments.orderId, orderId)));
    if (!own) {
      throw new AppError('VALIDATION_FAILED', 'Not a shipment of this order', [
        { path: 'data.shipmentId', message: 'Not a shipment of this order' },
      ]);
    }
  }
  const shipped = await tx
    .select({ lineId: shipmentLines.lineId, quantity: shipmentLines.quantity })
    .from(shipmentLines)
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .where(
      input.shipmentId
        ? and(eq(shipments.orderId, orderId), eq(shipments.id, input.shipmentId))
        : eq(shipments.orderId, orderId),
    );
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const sent = new Map<string, number>();
  for (const s of shipped) sent.set(s.lineId, (sent.get(s.lineId) ?? 0) + milli(s.quantity));
  // An order delivered without shipments (pickup) counts every line as handed over.
  if (shipped.length === 0 && !input.shipmentId) for (const l of lines) sent.set(l.id, milli(l.quantity));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const problems = input.lines.flatMap((l, i) => {
    if (!byId.has(l.lineId)) return [{ path: `data.lines.${i}.lineId`, message: 'Not a line of this order' }];
    const most = sent.get(l.lineId) ?? 0;
    return milli(l.quantity) > most
      ? [{ path: `data.lines.${i}.quantity`, message: `At most ${most / 1000} were shipped` }]
      : [];
  });
  if (problems.length)
    throw new AppError('CLAIM_NOT_ALLOWED', 'The claim names more than was shipped', problems);

  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from claims where order_id = ${orderId}`,
  );
  const id = uuidv7();
  const number = `${order.number}-C${n + 1}`;
  await tx.insert(claims).values({
    id,
    number,
    orderId,
    shipmentId: input.shipmentId ?? null,
    companyId,
    personId: actor.id,
    kind: input.kind,
    description: input.description,
    requestedResolution: input.requestedResolution ?? null,
  });
  if (input.lines.length) await tx.insert(claimLines).values(input.lines.map((l) => ({ claimId: id, ...l })));
  await storeAttachments(tx, storage, { type: 'claim', id }, files, actor.id);
  await recordOrderEvent(tx, orderId, actor, {
    kind: 'claim',
    note: `${number}: submitted`,
    data: { claimId: id, status: 'submitted' },
  });
  await notify(tx, { number, personId: actor.id, locale: order.locale }, 'submitted', null);
  return id;
}

async function notify(
  tx: Db,
  c: { number: string; personId: string; locale: string },
  status: ClaimStatus,
  answer: string | null,
) {
  const email = (await peopleByIds(tx, [c.personId])).get(c.personId)?.email;
  if (!email) return;
  await queueMail(tx, {
    to: email,
    template: claimStatusMail.name,
    locale: c.locale === 'en' ? 'en' : 'ru',
    vars: { number: c.number, status, answer },
  });
}

/** Claims as the API shows them (docs/orders.md, `Claim`), in a fixed number of queries. */
export async function presentClaims(db: Db, rows: ClaimRow[], urlOf: AttachmentUrlOf) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, files, orderRows] = await Promise.all([
    db
      .select({
        claimId: claimLines.claimId,
        lineId: claimLines.lineId,
        quantity: claimLines.quantity,
        sku: orderLines.sku,
        name: orderLines.name,
      })
      .from(claimLines)
      .innerJoin(orderLines, eq(orderLines.id, claimLines.lineId))
      .where(inArray(claimLines.claimId, ids)),
    db
      .select()
      .from(orderAttachments)
      .where(and(eq(orderAttachments.ownerType, 'claim'), inArray(orderAttachments.ownerId, ids))),
    db
      .select({ id: orders.id, number: orders.number })
      .from(orders)
      .where(inArray(orders.id, [...new Set(rows.map((r) => r.orderId))])),
  ]);
  const numbers = new Map(orderRows.map((o) => [o.id, o.number]));
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    orderId: c.orderId,
    orderNumber: numbers.get(c.orderId) ?? '',
    shipmentId: c.shipmentId,
    companyId: c.companyId,
    kind: c.kind,
    status: c.status,
    description: c.description,
    requestedResolution: c.requestedResolution,
    managerAnswer: c.managerAnswer,
    lines: lines
      .filter((l) => l.claimId === c.id)
      .map((l) => ({ lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity })),
    attachments: files
      .filter((f) => f.ownerId === c.id)
      .map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        url: urlOf(c.id, f.id),
      })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }));
}

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** A page of claims, newest first: one company's, or all (back office) with a status filter. */
export async function listClaims(
  db: Db,
  filter: {
    companyId?: string;
    status?: ClaimStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  urlOf: AttachmentUrlOf,
) {
  const where: SQL[] = [];
  if (filter.companyId) where.push(eq(claims.companyId, filter.companyId));
  if (filter.status) where.push(eq(claims.status, filter.status));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, cursorShape);
    const when = new Date(at);
    where.push(or(lt(claims.createdAt, when), and(eq(claims.createdAt, when), lt(claims.id, id))) as SQL);
  }
  const rows = await db
    .select()
    .from(claims)
    .where(and(...where))
    .orderBy(desc(claims.createdAt), desc(claims.id))
    .limit(filter.limit + 1);
  const page = toPage(
    rows,
    filter.limit,
    (r) => r,
    (r) => [r.createdAt.toISOString(), r.id],
  );
  return { items: await presentClaims(db, page.items, urlOf), nextCursor: page.nextCursor };
}

/** One claim, the company's own when `companyId` is given; NOT_FOUND otherwise. */
export async function claimOf(db: Db, id: string, companyId?: string) {
  const [row] = await db
    .select()
    .from(claims)
    .where(companyId ? and(eq(claims.id, id), eq(claims.companyId, companyId)) : eq(claims.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'Claim not found');
  return row;
}

/** Moves a claim on (back office) with the manager's answer; on the order's timeline and mailed to the filer. */
export async function setClaimStatus(
  tx: Db,
  id: string,
  change: { status: ClaimStatus; managerAnswer?: string | null | undefined },
  actor: OrderActor,
) {
  const [row] = await tx.select().from(claims).where(eq(claims.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'Claim not found');
  if (!claimTransitions[row.status].includes(change.status)) {
    throw new AppError('CLAIM_NOT_ALLOWED', `A claim in status ${row.status} cannot become ${change.status}`);
  }
  const managerAnswer = change.managerAnswer === undefined ? row.managerAnswer : change.managerAnswer;
  await tx
    .update(claims)
    .set({ status: change.status, managerAnswer, updatedAt: new Date() })
    .where(eq(claims.id, id));
  const [order] = await tx.select({ locale: orders.locale }).from(orders).where(eq(orders.id, row.orderId));
  await recordOrderEvent(tx, row.orderId, actor, {
    kind: 'claim',
    note: `${row.number}: ${change.status}`,
    data: { claimId: id, status: change.status },
  });
  await notify(
    tx,
    { number: row.number, personId: row.personId, locale: order?.locale ?? 'ru' },
    change.status,
    managerAnswer,
  );
  await notifyClaimStatus(tx, row, change.status, managerAnswer);
}
