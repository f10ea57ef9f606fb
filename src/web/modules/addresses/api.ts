import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Consignee {
  name: string;
  inn: string;
  kpp: string | null;
  contactName: string | null;
  phone: string | null;
}

/** A delivery address as the API returns it (src/modules/addresses/addresses.schema.ts). */
export interface DeliveryAddress {
  id: string;
  label: string;
  recipientName: string;
  phone: string;
  postalCode: string;
  region: string;
  city: string;
  line: string;
  flat: string | null;
  comment: string | null;
  location: { lat: number; lon: number } | null;
  consignee: Consignee | null;
  isDefault: boolean;
}

export interface AddressList {
  items: DeliveryAddress[];
  limit: number;
}

/** Whose book a page shows: mine (`/me/addresses`) or a company's (`/orgs/{orgId}/addresses`). */
export type Book = { kind: 'person' } | { kind: 'company'; orgId: string };

export const bookPath = (book: Book) =>
  book.kind === 'person'
    ? '/api/v1/me/addresses'
    : `/api/v1/orgs/${encodeURIComponent(book.orgId)}/addresses`;

// Company books sit under the company's query keys, so company-wide refreshes include them.
const bookKey = (book: Book) =>
  book.kind === 'person' ? ['me', 'addresses'] : ['orgs', book.orgId, 'addresses'];

export const addressesQuery = (book: Book) =>
  queryOptions({
    queryKey: bookKey(book),
    queryFn: () => api<AddressList>(bookPath(book)),
    meta: { needsPerson: true },
  });

/** A write to the book; the list is reloaded after it. */
export function useBookMutation<I>(book: Book, send: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: bookKey(book) }),
  });
}

export const bookWrite = (
  book: Book,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  rest: string,
  json?: unknown,
) => api<unknown>(`${bookPath(book)}${rest}`, { method, ...(json === undefined ? {} : { json }) });
