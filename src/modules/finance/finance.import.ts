import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError, type FieldProblem } from '../../server/core/errors.js';
import { type FinanceActor, importOpeningBalance, recordCompanyPayment } from './finance.service.js';
import { companyPayments, ledgerEntries } from './finance.tables.js';

/** At most this many items in one import request. */
export const importBatchMax = 1000;
/** What the REST import writes as `source` (payments and opening balances). */
const importSource = 'import' as const;

const day = z.iso.date();
const companyRef = z.object({
  inn: z.string().regex(/^(\d{10}|\d{12})$/, 'ИНН: 10 or 12 digits'),
  kpp: z
    .string()
    .regex(/^\d{9}$/, 'КПП: 9 digits')
    .optional(),
});
const externalId = z.string().trim().min(1).max(200);
const text = (max: number) => z.string().trim().min(1).max(max).optional();

export const importPaymentItem = z.object({
  externalId,
  company: companyRef,
  /** Kopecks. */
  amount: z.number().int().positive().max(1_000_000_000_000),
  paidOn: day,
  number: text(50),
  payer: text(300),
  purpose: text(1000),
  /** Apply it to this order of the company first… */
  orderNumber: text(50),
  /** …or to this invoice of the company. */
  invoiceNumber: text(50),
});
export const importPaymentsBody = z.object({
  payments: z.array(importPaymentItem).min(1).max(importBatchMax),
});

export const importBalanceItem = z.object({
  externalId,
  company: companyRef,
  /** The balance at the end of this day. */
  asOf: day,
  /** Kopecks: positive — the company owes; negative — it paid ahead. */
  balance: z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000),
});
export const importBalancesBody = z.object({
  balances: z.array(importBalanceItem).min(1).max(importBatchMax),
});

export const importResultSchema = z.object({
  created: z.number(),
  unchanged: z.number(),
  items: z.array(
    z.object({
      index: z.number(),
      externalId: z.string(),
      id: z.string(),
      result: z.enum(['created', 'unchanged']),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResultSchema>;

type PaymentItem = z.infer<typeof importPaymentItem>;
type BalanceItem = z.infer<typeof importBalanceItem>;

/** Companies by ИНН (and КПП): the one company, or a problem to report on the item. */
async function companyResolver(db: Db) {
  const cache = new Map<string, { id: string }[]>();
  return async (ref: {
    inn: string;
    kpp?: string | undefined;
  }): Promise<string | FieldProblem['message']> => {
    let found = cache.get(ref.inn);
    if (!found) {
      found = await queryRows<{ id: string; kpp: string | null }>(
        db,
        sql`select id, kpp from companies where inn = ${ref.inn}`,
      );
      cache.set(ref.inn, found);
    }
    const matches = (found as { id: string; kpp: string | null }[]).filter(
      (c) => ref.kpp === undefined || c.kpp === ref.kpp,
    );
    if (matches.length === 1) return matches[0]?.id ?? '';
    return matches.length === 0
      ? 'No company with this ИНН (and КПП)'
      : 'Several companies have this ИНН: give the КПП';
  };
}
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Refuses the whole batch when any item had a problem: 400 listing each one (`body.<list>.<index>.<field>`). */
function refuseIfAny(problems: FieldProblem[]): void {
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `${problems.length} item(s) of the batch are not valid; nothing was imported`,
      problems.slice(0, 200),
    );
}

/** An `externalId` twice in one batch is refused on the later item. */
function duplicateIds(items: { externalId: string }[], list: string): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.externalId))
      out.push({ path: `body.${list}.${i}.externalId`, message: 'Repeated in this batch' });
    seen.add(item.externalId);
  });
  return out;
}

/**
 * Payments from an ERP, all or nothing: every item is checked first (company by ИНН/КПП, the order or invoice
 * it names, an `externalId` repeated in the batch or already imported with other values); any problem refuses
 * the batch with each item's index and field. Then each new payment is recorded and allocated as a back-office
 * one (source `import`), in one transaction; a known `externalId` with the same values is `unchanged`.
 */
export async function importPayments(
  db: Db,
  items: PaymentItem[],
  actor: FinanceActor,
): Promise<ImportResult> {
  const companyOf = await companyResolver(db);
  const problems = duplicateIds(items, 'payments');
  const resolved: { companyId: string; orderId?: string; invoiceId?: string; knownId?: string }[] = [];
  for (const [i, item] of items.entries()) {
    const at = (field: string, message: string) =>
      problems.push({ path: `body.payments.${i}.${field}`, message });
    const company = await companyOf(item.company);
    if (!isUuid(company)) {
      at('company', company);
      resolved.push({ companyId: '' });
      continue;
    }
    const r: (typeof resolved)[number] = { companyId: company };
    const [known] = await db
      .select()
      .from(companyPayments)
      .where(and(eq(companyPayments.source, importSource), eq(companyPayments.externalId, item.externalId)));
    if (known) {
      if (known.companyId !== company || known.amount !== item.amount || known.paidOn !== item.paidOn)
        at('externalId', 'Already imported with another company, amount or date');
      else r.knownId = known.id;
    } else {
      if (item.orderNumber && item.invoiceNumber)
        at('invoiceNumber', 'Give an order number or an invoice number, not both');
      if (item.orderNumber) {
        const [order] = await queryRows<{ id: string; status: string }>(
          db,
          sql`select id, status from orders where company_id = ${company} and number = ${item.orderNumber}`,
        );
        if (!order) at('orderNumber', 'No order of this company has this number');
        else if (order.status === 'cancelled') at('orderNumber', 'The order is cancelled');
        else r.orderId = order.id;
      }
      if (item.invoiceNumber) {
        const invoices = await queryRows<{ id: string }>(
          db,
          sql`select id from documents where company_id = ${company} and kind = 'invoice'
                and number = ${item.invoiceNumber} and status <> 'cancelled'`,
        );
        if (invoices.length !== 1)
          at(
            'invoiceNumber',
            invoices.length
              ? 'Several invoices have this number'
              : 'No invoice of this company has this number',
          );
        else r.invoiceId = invoices[0]?.id as string;
      }
    }
    resolved.push(r);
  }
  refuseIfAny(problems);
  return db.transaction(async (tx) => {
    const out: ImportResult = { created: 0, unchanged: 0, items: [] };
    for (const [index, item] of items.entries()) {
      const r = resolved[index] as (typeof resolved)[number];
      const { payment, created } = r.knownId
        ? { payment: { id: r.knownId }, created: false }
        : await recordCompanyPayment(
            tx,
            {
              companyId: r.companyId,
              amount: item.amount,
              paidOn: item.paidOn,
              number: item.number,
              payer: item.payer,
              purpose: item.purpose,
              source: importSource,
              externalId: item.externalId,
              orderId: r.orderId,
              invoiceId: r.invoiceId,
            },
            actor,
          );
      out[created ? 'created' : 'unchanged']++;
      out.items.push({
        index,
        externalId: item.externalId,
        id: payment.id,
        result: created ? 'created' : 'unchanged',
      });
    }
    return out;
  });
}

/**
 * Opening balances from an ERP (an `opening` entry of the company's account as of a day), all or nothing, the
 * same checks as payments: a known `externalId` with the same company, date and balance is `unchanged`, with
 * other values a problem.
 */
export async function importBalances(db: Db, items: BalanceItem[]): Promise<ImportResult> {
  const companyOf = await companyResolver(db);
  const problems = duplicateIds(items, 'balances');
  const companies: string[] = [];
  for (const [i, item] of items.entries()) {
    const company = await companyOf(item.company);
    companies.push(company);
    if (!isUuid(company)) {
      problems.push({ path: `body.balances.${i}.company`, message: company });
      continue;
    }
    const [known] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.source, importSource), eq(ledgerEntries.externalId, item.externalId)));
    if (
      known &&
      (known.kind !== 'opening' ||
        known.companyId !== company ||
        known.entryDate !== item.asOf ||
        known.debit - known.credit !== item.balance)
    )
      problems.push({
        path: `body.balances.${i}.externalId`,
        message: 'Already imported with another company, date or balance',
      });
  }
  refuseIfAny(problems);
  return db.transaction(async (tx) => {
    const out: ImportResult = { created: 0, unchanged: 0, items: [] };
    for (const [index, item] of items.entries()) {
      const { entry, created } = await importOpeningBalance(tx, {
        companyId: companies[index] as string,
        asOf: item.asOf,
        balance: item.balance,
        externalId: item.externalId,
        source: importSource,
      });
      out[created ? 'created' : 'unchanged']++;
      out.items.push({
        index,
        externalId: item.externalId,
        id: entry.id,
        result: created ? 'created' : 'unchanged',
      });
    }
    return out;
  });
}
