import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

export type AgreementKind = 'contract' | 'specification' | 'supplementary';
export type AgreementStatus = 'draft' | 'in_review' | 'approved' | 'rejected';
export type Side = 'staff' | 'company';

export const agreementKinds: AgreementKind[] = ['contract', 'specification', 'supplementary'];
export const agreementStatuses: AgreementStatus[] = ['in_review', 'approved', 'rejected'];

export interface AgreementVersion {
  id: string;
  number: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  side: Side;
  uploadedBy: { id: string; name: string };
  note: string | null;
  createdAt: string;
  url: string;
}

export interface Agreement {
  id: string;
  companyId: string;
  companyName: string;
  kind: AgreementKind;
  title: string;
  parent: { id: string; title: string } | null;
  status: AgreementStatus;
  createdSide: Side;
  createdBy: { id: string; name: string };
  awaitingSide: Side | null;
  latestVersion: AgreementVersion | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementDetail extends Agreement {
  versions: AgreementVersion[];
  comments: {
    id: string;
    versionId: string;
    side: Side;
    author: { id: string; name: string };
    text: string;
    createdAt: string;
  }[];
  decisions: {
    id: string;
    versionId: string;
    decision: 'approve' | 'reject';
    side: Side;
    person: { id: string; name: string };
    comment: string | null;
    sha256: string;
    confirmation: string | null;
    createdAt: string;
  }[];
}

/**
 * Where a page works: a company's cabinet (`/orgs/:orgId/agreements`) or the back office
 * (`/admin/agreements`). The API and the pages differ only in this base and in the side.
 */
export interface AgreementScope {
  side: Side;
  orgId?: string;
  /** API base of the agreements. */
  api: string;
  /** Web path of the agreements list. */
  web: string;
}

export const scopeOf = (orgId?: string): AgreementScope =>
  orgId
    ? {
        side: 'company',
        orgId,
        api: `/api/v1/orgs/${encodeURIComponent(orgId)}/agreements`,
        web: `/orgs/${orgId}/agreements`,
      }
    : { side: 'staff', api: '/api/v1/admin/agreements', web: '/admin/agreements' };

export const agreementsQuery = (scope: AgreementScope, status: string) =>
  infiniteQueryOptions({
    queryKey: ['agreements', scope.api, 'list', status],
    queryFn: ({ pageParam }) =>
      api<{ items: Agreement[]; nextCursor: string | null }>(scope.api, {
        query: { limit: 25, cursor: pageParam, status: status || undefined },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    meta: { needsPerson: true },
  });

export const agreementQuery = (scope: AgreementScope, id: string) =>
  queryOptions({
    queryKey: ['agreements', scope.api, 'one', id],
    queryFn: () => api<AgreementDetail>(`${scope.api}/${encodeURIComponent(id)}`),
    meta: { needsPerson: true },
  });

/** Sends a multipart request: the `data` JSON field and the file. */
export async function upload<T>(path: string, data: unknown, file: File): Promise<T> {
  const form = new FormData();
  form.set('data', JSON.stringify(data));
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  const body = await response.json().catch(() => ({ title: response.statusText }));
  if (!response.ok) throw new ApiError(response.status, { status: response.status, ...body });
  return body as T;
}

/** Files the server takes (it checks the bytes; this only narrows the picker). */
export const acceptedFiles =
  '.pdf,.docx,.doc,.odt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text';
export const maxFileBytes = 20 * 1024 * 1024;
