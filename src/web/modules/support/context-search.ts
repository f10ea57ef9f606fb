import { type TicketContext, ticketContextKinds } from '../../../shared/support';

/** What a page passes when it opens the new-request form: `?kind=order&id=…&label=K-2026-000123&path=/orders/…`. */
export interface ContextSearch {
  kind?: string | undefined;
  id?: string | undefined;
  label?: string | undefined;
  path?: string | undefined;
  topic?: string | undefined;
}

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 500) : undefined);

export const validateContextSearch = (s: Record<string, unknown>): ContextSearch => ({
  kind: text(s.kind),
  id: text(s.id),
  label: text(s.label),
  path: text(s.path),
  topic: text(s.topic),
});

/** The context chip of the form, when the search names a known kind and a label. */
export function contextFrom(s: ContextSearch): TicketContext | null {
  if (!s.kind || !s.label || !(ticketContextKinds as readonly string[]).includes(s.kind)) return null;
  return {
    kind: s.kind as TicketContext['kind'],
    label: s.label.slice(0, 200),
    ...(s.id ? { id: s.id } : {}),
    ...(s.path?.startsWith('/') && !s.path.startsWith('//') ? { path: s.path } : {}),
  };
}

/** The new-request page of the scope with a context attached (for links from other modules). */
export function askLink(base: string, context: TicketContext) {
  return {
    to: `${base}/support/new`,
    search: {
      kind: context.kind,
      label: context.label,
      ...(context.id ? { id: context.id } : {}),
      ...(context.path ? { path: context.path } : {}),
    },
  };
}
