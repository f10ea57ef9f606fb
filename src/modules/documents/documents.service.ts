import { and, desc, eq, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { FileStorage } from '../../server/core/storage.js';
import { businessDay } from '../../shared/business-day.js';
import { listBankAccounts } from '../companies/bank-accounts.service.js';
import { getCompany } from '../companies/companies.service.js';
import { orderForDocuments } from '../orders/index.js';
import type { SellerRequisites } from '../settings/settings.schema.js';
import { getSellerRequisites } from '../settings/settings.service.js';
import { type DocumentRow, issueNumbered } from './documents.issue.js';
import type { DocumentListQuery } from './documents.schema.js';
import { documents } from './documents.tables.js';
import type { DocumentLine, InvoiceInput, Party, VatRate } from './documents.types.js';
import { renderInvoice } from './invoice.pdf.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { vatTotals } from './ru/vat.js';
import { sellerLogo } from './seller-logo.js';

/** A document's public fields, one by one. */
export function presentDocument(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    date: d.docDate,
    orderId: d.orderId,
    shipmentId: d.shipmentId,
    amount: d.amount,
    vatAmount: d.vatAmount,
    status: d.status,
    source: d.source,
    fileName: d.fileName,
    size: d.size,
    /** False for an imported document that came without a file. */
    hasFile: d.storageKey !== '',
    createdAt: d.createdAt.toISOString(),
    url: `/api/v1/orgs/${d.companyId}/documents/${d.id}/file`,
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const filled = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** The seller party from the settings; empty fields stay absent so the requisites check names them. */
export function sellerParty(s: SellerRequisites): Party {
  return {
    name: s.name,
    inn: s.inn,
    kpp: filled(s.kpp),
    ogrn: filled(s.ogrn),
    address: s.address,
    phone: filled(s.phone),
    bank: { name: s.bank.name, bic: s.bank.bic, corrAccount: s.bank.corrAccount, account: s.bank.account },
  };
}

/** The buyer party: the company's requisites and its primary bank account. */
export async function buyerParty(db: Db, companyId: string): Promise<Party> {
  const company = await getCompany(db, companyId);
  if (!company) throw new AppError('NOT_FOUND', 'Company not found');
  const [account] = await listBankAccounts(db, companyId);
  return {
    name: company.legalName || company.name,
    inn: company.inn ?? '',
    kpp: filled(company.kpp),
    ogrn: filled(company.ogrn),
    address: company.legalAddress ?? '',
    bank: account
      ? {
          name: account.bankName,
          bic: account.bik,
          corrAccount: account.correspondentAccount ?? '',
          account: account.settlementAccount,
        }
      : undefined,
  };
}

export const asVatRate = (rate: number | null, fallback: VatRate): VatRate =>
  rate === null ? fallback : [20, 10, 5, 7, 0].includes(rate) ? (rate as VatRate) : fallback;

/** Plain words for the fields an invoice most often lacks; other paths are shown as they are. */
const fieldNames: Record<string, string> = {
  'seller.name': "the seller's name",
  'seller.inn': "the seller's INN",
  'seller.kpp': "the seller's KPP",
  'seller.ogrn': "the seller's OGRN",
  'seller.address': "the seller's address",
  'seller.bank.name': "the seller's bank name",
  'seller.bank.bic': "the seller's bank BIC",
  'seller.bank.corrAccount': "the seller's correspondent account",
  'seller.bank.account': "the seller's settlement account",
  'signatories.head.name': "the director's name",
  'signatories.head.position': "the director's title",
  'sellerSignatory.name': "the director's name",
  'sellerSignatory.position': "the director's title",
  'buyer.name': "the company's name",
  'buyer.inn': "the company's INN",
  'buyer.kpp': "the company's KPP",
  'buyer.ogrn': "the company's OGRN",
  'buyer.address': "the company's legal address",
  'sellerSignatories.head.name': "the director's name",
  'sellerSignatories.head.position': "the director's title",
  'sellerSignatories.accountant': "the chief accountant's name",
  'sellerSignatories.accountant.name': "the chief accountant's name",
  'executorSignatory.name': "the director's name",
  'executorSignatory.position': "the director's title",
  'customer.inn': "the company's INN",
  'customer.kpp': "the company's KPP",
};

/** The renderer's MissingRequisitesError as a 400 problem naming every field to fill in or correct. */
export function missingRequisitesProblem(error: MissingRequisitesError, what = 'invoice'): AppError {
  const words = (paths: string[]) => paths.map((p) => fieldNames[p] ?? p).join(', ');
  const parts = [
    error.missing.length ? `fill in ${words(error.missing)}` : '',
    error.invalid.length ? `correct ${words(error.invalid)}` : '',
  ].filter(Boolean);
  return new AppError('MISSING_REQUISITES', `The ${what} cannot be issued: ${parts.join('; ')}`, [
    ...error.missing.map((path) => ({ path, message: `${fieldNames[path] ?? path} is missing` })),
    ...error.invalid.map((path) => ({ path, message: `${fieldNames[path] ?? path} is not valid` })),
  ]);
}

export interface InvoiceRequestInput {
  companyId: string;
  orderId?: string;
  amount?: number;
  purpose?: string;
  /** Who asked (person id), stored as created_by. */
  actor: string;
  now?: Date;
}

/** The live (not cancelled) generated invoice of an order, if there is one. */
async function liveInvoiceOf(db: Db, companyId: string, orderId: string) {
  const [row] = await db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.companyId, companyId),
        eq(documents.orderId, orderId),
        eq(documents.kind, 'invoice'),
        eq(documents.source, 'generated'),
        ne(documents.status, 'cancelled'),
      ),
    );
  return row;
}

/**
 * Issues an invoice (docs/documents.md, "Documents module"): for one of the company's orders (its lines and
 * delivery) or for a free amount with its purpose. The number is taken from `document_counters` in the same
 * transaction as the row and the stored PDF, so a failure gives the number back and numbers have no gaps. A
 * repeated request for an order returns its live invoice instead of a second number.
 */
export async function requestInvoice(
  db: Db,
  storage: FileStorage,
  input: InvoiceRequestInput,
): Promise<{ document: ReturnType<typeof presentDocument>; created: boolean }> {
  const { companyId, orderId } = input;
  const order = orderId ? await orderForDocuments(db, companyId, orderId) : null;
  if (order) {
    const existing = await liveInvoiceOf(db, companyId, order.id);
    if (existing) return { document: presentDocument(existing), created: false };
  }
  const [seller, buyer] = await Promise.all([getSellerRequisites(db), buyerParty(db, companyId)]);
  const defaultRate = seller.vatRate;
  const lines: DocumentLine[] = order
    ? [
        ...order.lines.map((l) => ({
          name: l.name,
          sku: l.sku,
          unit: l.unit,
          unitCode: l.unit === 'шт' ? '796' : '',
          quantity: l.quantity,
          price: l.price,
          amount: l.amount,
          vatRate: asVatRate(l.vatRate, defaultRate),
        })),
        ...(order.deliveryCost > 0
          ? [
              {
                name: `Доставка (${order.deliveryName})`,
                unit: 'усл',
                unitCode: '',
                quantity: 1,
                price: order.deliveryCost,
                amount: order.deliveryCost,
                vatRate: defaultRate,
              },
            ]
          : []),
      ]
    : [
        {
          name: input.purpose ?? '',
          unit: 'усл',
          unitCode: '',
          quantity: 1,
          price: input.amount ?? 0,
          amount: input.amount ?? 0,
          vatRate: defaultRate,
        },
      ];
  const totals = vatTotals(lines);
  const date = businessDay(input.now);
  try {
    const logo = (await sellerLogo(storage)) ?? undefined;
    const { row, created } = await issueNumbered(db, storage, {
      kind: 'invoice',
      companyId,
      date,
      orderId: order?.id ?? null,
      amount: totals.total,
      vatAmount: totals.vat,
      actor: input.actor,
      // Another request may have issued it while this one waited for the counter.
      existing: order ? (tx) => liveInvoiceOf(tx, companyId, order.id) : undefined,
      fileName: (n) => `Счет на оплату № ${n} от ${date}.pdf`,
      render: (number) =>
        renderInvoice({
          logo,
          language: 'ru',
          number,
          date,
          seller: sellerParty(seller),
          buyer,
          basis: order ? `Заказ № ${order.number}` : undefined,
          lines,
          signatories: {
            head: { position: seller.signatories.director.title, name: seller.signatories.director.name },
            accountant: filled(seller.signatories.accountant.name)
              ? { position: 'Главный бухгалтер', name: seller.signatories.accountant.name }
              : undefined,
          },
          payBy: addDays(date, seller.paymentDays),
          terms: seller.paymentTerms
            .split('\n')
            .map((t) => t.trim())
            .filter(Boolean),
        } satisfies InvoiceInput),
    });
    return { document: presentDocument(row), created };
  } catch (error) {
    if (error instanceof MissingRequisitesError) throw missingRequisitesProblem(error);
    throw error;
  }
}

const cursorShape = z.tuple([z.iso.date(), z.uuid()]);

/**
 * The company's documents, newest first, keyset pages on (doc_date, id). `orderIds`, when given, keeps the
 * documents of those orders only (the order-number filter, documents.list.ts).
 */
export async function listDocuments(db: Db, companyId: string, q: DocumentListQuery, orderIds?: string[]) {
  const where: SQL[] = [eq(documents.companyId, companyId)];
  if (orderIds) where.push(orderIds.length ? inArray(documents.orderId, orderIds) : sql`false`);
  if (q.kind) where.push(eq(documents.kind, q.kind));
  if (q.status) where.push(eq(documents.status, q.status));
  if (q.orderId) where.push(eq(documents.orderId, q.orderId));
  if (q.from) where.push(gte(documents.docDate, q.from));
  if (q.to) where.push(lte(documents.docDate, q.to));
  if (q.cursor) {
    const [day, id] = decodeCursor(q.cursor, cursorShape);
    where.push(sql`(${documents.docDate}, ${documents.id}) < (${day}::date, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(documents)
    .where(and(...where))
    .orderBy(desc(documents.docDate), desc(documents.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, presentDocument, (d) => [d.docDate, d.id]);
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** The company's document row, or NOT_FOUND (another company's document looks like no document). */
async function documentRow(db: Db, companyId: string, id: string): Promise<DocumentRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'Document not found');
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), eq(documents.companyId, companyId)));
  if (!row) throw new AppError('NOT_FOUND', 'Document not found');
  return row;
}

/** One document of the company. */
export async function getDocument(db: Db, companyId: string, id: string) {
  return presentDocument(await documentRow(db, companyId, id));
}

/** The stored file of a document: a reprint is the same bytes as the first download. */
export async function documentFile(db: Db, storage: FileStorage, companyId: string, id: string) {
  const row = await documentRow(db, companyId, id);
  if (row.storageKey === '') throw new AppError('NOT_FOUND', 'This document came without a file');
  const file = await storage.read(row.storageKey);
  if (!file) throw new AppError('NOT_FOUND', 'The document file is missing');
  return { fileName: row.fileName, ...file };
}
