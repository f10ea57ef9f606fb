import { desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { listAudit } from '../audit/index.js';
import { getCompanies, listCustomerGroups, membershipsOf } from '../companies/index.js';
import { listDocuments } from '../documents/index.js';
import { financeSummary, listCompanyPayments, listReconciliations } from '../finance/index.js';
import { listClaims, listOrders, listReturns } from '../orders/index.js';
import { getPerson, peopleByIds } from '../people/people.service.js';
import { tickets } from './support.tables.js';

/** Sizes of the sections (the operator's side panel shows the latest few; full lists are a click away). */
const limits = { orders: 10, payments: 5, documents: 5, tickets: 10, actions: 15 } as const;

// Attachments are not shown in the panel; their URLs are not built.
const noUrl = () => '';

export type ActionKind = 'order' | 'ticket' | 'sign_in' | 'return' | 'claim' | 'reconciliation' | 'account';

export interface CabinetAction {
  at: string;
  kind: ActionKind;
  /** The object's number, or the audit action key for `account` (`profile.updated`…). */
  label: string;
  /** The object's id when the back office has a page for it. */
  id: string | null;
}

const ticketColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  requesterId: tickets.requesterId,
  requesterName: tickets.requesterName,
  companyId: tickets.companyId,
  csatRating: tickets.csatRating,
  createdAt: tickets.createdAt,
};
type TicketItem = { [K in keyof typeof ticketColumns]: (typeof tickets.$inferSelect)[K] };
const presentTicket = (t: TicketItem) => ({ ...t, createdAt: t.createdAt.toISOString() });

/** Previous requests, newest first: the person's own (any company), or a company's (by any member). */
async function ticketsWhere(db: Db, where: SQL) {
  const rows = await db
    .select(ticketColumns)
    .from(tickets)
    .where(where)
    .orderBy(desc(tickets.createdAt))
    .limit(limits.tickets);
  return rows.map(presentTicket);
}

/** Companies of the person with their INN, customer group and personal manager: three queries for all. */
async function companiesOf(db: Db, personId: string) {
  const memberships = await membershipsOf(db, personId);
  const [cards, groups] = await Promise.all([
    getCompanies(
      db,
      memberships.map((m) => m.id),
    ),
    memberships.some((m) => m.customerGroupId) ? listCustomerGroups(db) : Promise.resolve([]),
  ]);
  const managerIds = [...cards.values()].map((c) => c.managerId).filter((id): id is string => !!id);
  const managers = await peopleByIds(db, [...new Set(managerIds)]);
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  return memberships.map((m) => {
    const card = cards.get(m.id);
    const managerId = card?.managerId ?? null;
    const manager = managerId ? managers.get(managerId) : undefined;
    return {
      id: m.id,
      name: m.name,
      inn: card?.inn ?? null,
      role: m.role,
      customerGroup: m.customerGroupId
        ? { id: m.customerGroupId, name: groupNames.get(m.customerGroupId) ?? '' }
        : null,
      manager: manager && managerId ? { id: managerId, name: manager.name, email: manager.email } : null,
    };
  });
}

/**
 * What the person did in the cabinet, newest first: orders placed, requests filed, sign-ins and account
 * changes (audit log, their own actions only), returns, the company's claims and reconciliation acts the
 * person asked for. Each source is one bounded query.
 */
async function actionsOf(
  db: Db,
  personId: string,
  companyId: string | null,
  personTickets: { id: string; number: string; createdAt: string }[],
) {
  const n = limits.actions;
  const [audit, placed, returns, claims, reconciliations] = await Promise.all([
    listAudit(db, { limit: n, actorId: personId }),
    listOrders(
      db,
      companyId ? { kind: 'org', companyId } : { kind: 'me', personId },
      companyId ? { limit: n, placedBy: personId } : { limit: n },
    ),
    listReturns(db, { personId, limit: 5 }, noUrl),
    companyId ? listClaims(db, { companyId, limit: 5 }, noUrl) : Promise.resolve({ items: [] }),
    companyId ? listReconciliations(db, { companyId, limit: 10 }) : Promise.resolve({ items: [] }),
  ]);
  const actions: CabinetAction[] = [
    // Entries made by support signed in as the person are support's actions, not the person's.
    ...audit.items
      .filter((a) => a.actorKind === 'person' && !a.details.impersonatedBy)
      .map((a) => ({
        at: a.at,
        kind: (a.action === 'auth.sign_in' ? 'sign_in' : 'account') as ActionKind,
        label: a.action,
        id: null,
      })),
    ...placed.items.map((o) => ({ at: o.createdAt, kind: 'order' as const, label: o.number, id: o.id })),
    ...personTickets.map((t) => ({ at: t.createdAt, kind: 'ticket' as const, label: t.number, id: t.id })),
    ...returns.items.map((r) => ({
      at: r.createdAt,
      kind: 'return' as const,
      label: r.number,
      id: r.orderId,
    })),
    ...claims.items.map((c) => ({ at: c.createdAt, kind: 'claim' as const, label: c.number, id: c.orderId })),
    ...reconciliations.items
      .filter((r) => r.requestedBy === personId)
      .map((r) => ({
        at: r.createdAt,
        kind: 'reconciliation' as const,
        label: `${r.from} — ${r.to}`,
        id: null,
      })),
  ];
  return actions.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, n);
}

/** The company's side: orders, money, payments and documents (the company must be the person's). */
async function companySections(db: Db, companyId: string) {
  const [orders, finance, payments, documents] = await Promise.all([
    listOrders(db, { kind: 'org', companyId }, { limit: limits.orders }),
    financeSummary(db, companyId),
    listCompanyPayments(db, companyId, { limit: limits.payments }),
    listDocuments(db, companyId, { limit: limits.documents }),
  ]);
  return {
    orders: orders.items.map((o) => ({
      id: o.id,
      number: o.number,
      createdAt: o.createdAt,
      status: o.status,
      total: o.total,
      currency: o.currency,
      paymentState: o.paymentState,
      placedBy: o.placedBy.name,
    })),
    finance: {
      balance: finance.balance,
      receivable: finance.receivable,
      overdue: finance.overdue,
      creditLimit: finance.creditLimit,
      creditAvailable: finance.creditAvailable,
    },
    payments: payments.items.map((p) => ({
      id: p.id,
      paidOn: p.paidOn,
      amount: p.amount,
      number: p.number,
      source: p.source,
    })),
    documents: documents.items.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      date: d.date,
      status: d.status,
      amount: d.amount,
    })),
  };
}

/**
 * Everything an operator wants beside a request (docs/support-reports.md, "Customer 360"). Sections load side
 * by side outside any transaction. NOT_FOUND for an unknown person or a company they do not belong to.
 */
export async function customerOverview(db: Db, personId: string, companyId: string | null) {
  const person = await getPerson(db, personId);
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  const [companies, supportTickets, lastSignIn] = await Promise.all([
    companiesOf(db, person.id),
    ticketsWhere(db, eq(tickets.requesterId, person.id)),
    listAudit(db, { limit: 1, actorId: person.id, action: 'auth.sign_in' }),
  ]);
  const company = companyId ? companies.find((c) => c.id === companyId) : undefined;
  if (companyId && !company) throw new AppError('NOT_FOUND', 'The person is not a member of this company');
  const [sections, companyTickets, actions] = await Promise.all([
    company ? companySections(db, company.id) : Promise.resolve(null),
    company ? ticketsWhere(db, eq(tickets.companyId, company.id)) : Promise.resolve([]),
    actionsOf(db, person.id, company?.id ?? null, supportTickets),
  ]);
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      locale: person.locale,
      registeredAt: person.createdAt.toISOString(),
      lastSignInAt: lastSignIn.items[0]?.at ?? null,
      blocked: person.blockedAt !== null,
    },
    companies,
    company: company && sections ? { id: company.id, name: company.name, ...sections } : null,
    tickets: { person: supportTickets, company: companyTickets },
    actions,
  };
}

export type CustomerOverview = Awaited<ReturnType<typeof customerOverview>>;
