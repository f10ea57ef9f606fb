import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface CustomerTicket {
  id: string;
  number: string;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
  requesterId: string;
  requesterName: string;
  companyId: string | null;
  csatRating: number | null;
  createdAt: string;
}

export type CabinetActionKind =
  | 'order'
  | 'ticket'
  | 'sign_in'
  | 'return'
  | 'claim'
  | 'reconciliation'
  | 'account';

/** GET /api/v1/admin/support/customers/:personId/overview */
export interface CustomerOverview {
  person: {
    id: string;
    name: string;
    email: string;
    phone: string | null;
    locale: string;
    registeredAt: string;
    lastSignInAt: string | null;
    blocked: boolean;
  };
  companies: {
    id: string;
    name: string;
    inn: string | null;
    role: string;
    customerGroup: { id: string; name: string } | null;
    manager: { id: string; name: string; email: string } | null;
  }[];
  company: {
    id: string;
    name: string;
    orders: {
      id: string;
      number: string;
      createdAt: string;
      status: string;
      total: number;
      currency: string;
      paymentState: string;
      placedBy: string;
    }[];
    finance: {
      balance: number;
      receivable: number;
      overdue: number;
      creditLimit: number | null;
      creditAvailable: number;
    };
    payments: { id: string; paidOn: string; amount: number; number: string | null; source: string }[];
    documents: {
      id: string;
      kind: string;
      number: string;
      date: string;
      status: string;
      amount: number | null;
    }[];
  } | null;
  tickets: { person: CustomerTicket[]; company: CustomerTicket[] };
  actions: { at: string; kind: CabinetActionKind; label: string; id: string | null }[];
}

export const customerOverviewQuery = (personId: string, companyId: string | null) =>
  queryOptions({
    queryKey: ['admin', 'support', 'customers', personId, companyId ?? ''],
    queryFn: () =>
      api<CustomerOverview>(`/api/v1/admin/support/customers/${encodeURIComponent(personId)}/overview`, {
        query: { companyId },
      }),
  });
