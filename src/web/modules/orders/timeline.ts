import type { TFunction } from 'i18next';

/** One order timeline event as the API gives it. */
export interface TimelineEvent {
  kind: string;
  status: string | null;
  note: string | null;
}

const kinds = ['placed', 'status', 'approval', 'payment', 'shipment', 'edit', 'comment', 'return', 'claim'];

/** What happened, in the UI language: the status the order moved to, else the kind of the event. */
export function eventTitle(t: TFunction, e: TimelineEvent): string {
  if (e.status && e.kind === 'status') return t(`orders.status.${e.status}` as never);
  return kinds.includes(e.kind) ? t(`orders.event.${e.kind}` as never) : e.kind;
}

/**
 * The event's detail in the UI language: return and claim notes (`<number>: <status>`) get their status
 * translated, a payment's `paid` becomes words; other notes (comments, reasons, changes) stay as written.
 */
export function eventNote(t: TFunction, e: TimelineEvent): string | null {
  if (!e.note) return null;
  const match = /^(\S+): ([a-z_]+)$/.exec(e.note);
  if (match && (e.kind === 'return' || e.kind === 'claim')) {
    const group = e.kind === 'return' ? 'returnStatus' : 'claimStatus';
    return `${match[1]}: ${t(`order-aftercare.${group}.${match[2]}` as never, { defaultValue: match[2] })}`;
  }
  if (e.kind === 'payment' && e.note === 'paid') return t('orders.event.paid' as never);
  return e.note;
}
