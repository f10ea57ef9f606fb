/**
 * Support desk vocabulary shared by the server and the web app (docs/support.md).
 *
 * Lifecycle of a request (ticket):
 * - `new`: nobody from support has answered yet (the first-response clock runs);
 * - `open`: an operator is working on it;
 * - `pending`: waiting for the person who asked (their reply moves it back to `open`);
 * - `resolved`: the operator considers it solved; the person may reply (back to `open`), close and rate it,
 *   or it closes by itself after a few days;
 * - `closed`: finished, can be rated;
 * - `merged`: a duplicate folded into another request (`mergedIntoId`).
 */
export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed', 'merged'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which the person still waits for support: SLA clocks run and escalations may fire. */
export const activeTicketStatuses = ['new', 'open', 'pending'] as const satisfies readonly TicketStatus[];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** Who asks: a retail customer, a company member, an employee of the business, or a supplier. */
export const ticketAudiences = ['customer', 'company', 'employee', 'supplier'] as const;
export type TicketAudience = (typeof ticketAudiences)[number];

/** What the person was looking at when they asked; shown to the operator beside the request. */
export const ticketContextKinds = [
  'order',
  'product',
  'document',
  'invoice',
  'claim',
  'return',
  'page',
] as const;
export type TicketContextKind = (typeof ticketContextKinds)[number];

export interface TicketContext {
  kind: TicketContextKind;
  /** The object's id (an order id…), absent for a plain page. */
  id?: string;
  /** What people call it: the order number, the product name, the page title. */
  label: string;
  /** The cabinet path the person was on, e.g. `/orders/…`. */
  path?: string;
}

/**
 * A message of a request's thread: a `reply` both sides see, an internal `note` only staff see (never in the
 * person's API), or an `event` the system writes (status changed, assigned, merged).
 */
export const ticketMessageKinds = ['reply', 'note', 'event'] as const;
export type TicketMessageKind = (typeof ticketMessageKinds)[number];

export const ticketSides = ['requester', 'operator', 'system'] as const;
export type TicketSide = (typeof ticketSides)[number];

/** Customer satisfaction score: 1 (bad) … 5 (excellent). */
export const csatMin = 1;
export const csatMax = 5;
