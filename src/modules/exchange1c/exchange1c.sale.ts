import { access } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { applyOrderChangeFrom1C, ordersChangeCutoff, ordersChangedSince } from '../orders/index.js';
import { readDocuments } from './commerceml/documents.js';
import { ordersPackage } from './commerceml/orders-xml.js';
import { CommerceMlError } from './commerceml/xml-stream.js';
import type { ExchangeSession } from './exchange1c.auth.js';
import { pathIn } from './exchange1c.files.js';
import { type ExchangeFileState, exchange1cSaleState, exchange1cSessions } from './exchange1c.tables.js';

/**
 * Orders per `mode=query` answer. A backlog larger than this goes over several exchanges (each confirmed
 * batch moves the position); 500 orders make an answer of roughly 2–3 MB.
 */
export const saleQueryLimit = { value: 500 };
/** Warning lines an import answer carries at most (the rest are counted). */
const maxWarnings = 50;

/** The position 1C has confirmed (every order with a change sequence at or below it was received). */
export async function committedSalePosition(db: Db): Promise<number> {
  const [row] = await db
    .select({ seq: exchange1cSaleState.committedSeq })
    .from(exchange1cSaleState)
    .where(eq(exchange1cSaleState.name, 'sale'));
  return row?.seq ?? 0;
}

/** Records what one step of the sale exchange did in the session's log (`files`), like a catalog file. */
async function logStep(
  db: Db,
  sessionId: string,
  name: string,
  status: ExchangeFileState['status'],
  counts: Record<string, number>,
  error?: string,
  finished = false,
): Promise<void> {
  const now = new Date().toISOString();
  const state: ExchangeFileState = {
    status,
    phase: status === 'done' ? 'done' : 'failed',
    counts,
    startedAt: now,
    finishedAt: now,
    heartbeat: now,
    ...(error ? { error } : {}),
  };
  const result =
    status === 'failed'
      ? sql`'failure'`
      : finished
        ? sql`case when result = 'failure' then 'failure' else 'success' end`
        : sql`result`;
  await db.execute(sql`update exchange1c_sessions
    set files = jsonb_set(files, array[${name}::text], ${JSON.stringify(state)}::jsonb), result = ${result}
    where id = ${sessionId}`);
}

/**
 * `mode=query`: the orders changed since the confirmed position, as CommerceML. The batch is only staged in the
 * session (the change sequence it covers); `success` commits it. A query that is never confirmed leaves the
 * position where it was, so the next query sends the same orders again, plus newer ones.
 */
export async function saleQuery(db: Db, session: ExchangeSession): Promise<{ xml: string; count: number }> {
  const after = await committedSalePosition(db);
  const cutoff = await ordersChangeCutoff(db);
  const limit = saleQueryLimit.value;
  const batch = await ordersChangedSince(db, { after, upTo: cutoff, limit });
  const last = batch[batch.length - 1];
  // A full page stops at its last order; otherwise everything up to the cutoff has been looked at.
  const staged = Math.max(after, batch.length === limit && last ? last.changeSeq : cutoff);
  await db
    .update(exchange1cSessions)
    .set({ saleStagedSeq: staged })
    .where(eq(exchange1cSessions.id, session.id));
  await logStep(db, session.id, 'query', 'done', { orders: batch.length, after, staged });
  return { xml: ordersPackage(batch), count: batch.length };
}

/** `mode=success`: 1C recorded the orders of this session's last query; the position moves up to them. */
export async function saleSuccess(db: Db, session: ExchangeSession): Promise<string> {
  const staged = session.saleStagedSeq;
  if (staged === null || staged === undefined) return 'nothing to confirm';
  await db
    .insert(exchange1cSaleState)
    .values({ name: 'sale', committedSeq: staged, committedAt: new Date(), sessionId: session.id })
    .onConflictDoUpdate({
      target: exchange1cSaleState.name,
      set: {
        committedSeq: sql`greatest(${exchange1cSaleState.committedSeq}, ${staged})`,
        committedAt: new Date(),
        sessionId: session.id,
      },
    });
  await db
    .update(exchange1cSessions)
    .set({ saleStagedSeq: null, result: sql`case when result = 'failure' then 'failure' else 'success' end` })
    .where(eq(exchange1cSessions.id, session.id));
  return `confirmed up to ${staged}`;
}

export interface SaleImportResult {
  status: 'success' | 'failure';
  lines: string[];
}

/**
 * Applies an uploaded 1C orders file (`mode=import`, or `mode=file` in the old protocol): all documents are read
 * first (a malformed file fails and changes nothing), then applied in one transaction, each document in its own
 * savepoint so a move the lifecycle refuses becomes a warning. Unknown orders and documents that are not
 * «Заказ товара» are warnings too. Applying the same file again changes nothing.
 */
export async function saleImport(
  db: Db,
  session: ExchangeSession,
  dir: string,
  name: string,
): Promise<SaleImportResult> {
  const path = pathIn(dir, name);
  const uploaded = await access(path).then(
    () => true,
    () => false,
  );
  if (!uploaded) return { status: 'failure', lines: [`file not uploaded: ${name}`] };
  let documents: Awaited<ReturnType<typeof readDocuments>>;
  try {
    documents = await readDocuments(path);
  } catch (error) {
    if (!(error instanceof CommerceMlError)) throw error;
    await logStep(db, session.id, name, 'failed', {}, error.message);
    return { status: 'failure', lines: [error.message] };
  }
  const warnings: string[] = [];
  const counts = { documents: documents.length, orders: 0, changed: 0, unknown: 0, ignored: 0 };
  await db.transaction(async (tx) => {
    for (const { operation, change } of documents) {
      const label = change.id || change.number;
      if (operation && operation !== 'Заказ товара') {
        counts.ignored++;
        warnings.push(`document ${label} ignored: not an order`);
        continue;
      }
      try {
        const result = await tx.transaction((sp) => applyOrderChangeFrom1C(sp, change));
        if (!result.orderId) {
          counts.unknown++;
          warnings.push(`order ${label} not found, ignored`);
          continue;
        }
        counts.orders++;
        if (result.changes.length) counts.changed++;
        warnings.push(...result.warnings);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        warnings.push(`order ${label}: ${error.message}`);
      }
    }
  });
  await logStep(db, session.id, name, 'done', counts, undefined, true);
  const shown = warnings.slice(0, maxWarnings).map((w) => `warning: ${w}`);
  if (warnings.length > maxWarnings) shown.push(`warning: ${warnings.length - maxWarnings} more`);
  return {
    status: 'success',
    lines: [
      `imported documents=${counts.documents} orders=${counts.orders} changed=${counts.changed} unknown=${counts.unknown} ignored=${counts.ignored}`,
      ...shown,
    ],
  };
}
