import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Problem } from '../../app/api';

/** GET/PUT /api/v1/admin/settings/seller (sellerRequisitesSchema of src/modules/settings/settings.schema.ts). */
export interface SellerRequisites {
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  address: string;
  phone: string;
  bank: { name: string; bic: string; corrAccount: string; account: string };
  signatories: { director: { name: string; title: string }; accountant: { name: string } };
  vatRate: 20 | 10 | 0 | null;
  paymentDays: number;
  paymentTerms: string;
}

const PATH = '/api/v1/admin/settings/seller';
const LOGO_PATH = '/api/v1/admin/settings/seller/logo';
/** What the server accepts as a logo (src/modules/documents/seller-logo.ts). */
export const logoMaxBytes = 512 * 1024;
export const logoAccept = 'image/png,image/jpeg';

export const sellerRequisitesQuery = queryOptions({
  queryKey: ['admin', 'settings', 'seller'],
  queryFn: () => api<SellerRequisites>(PATH),
});

export function useSaveSellerRequisites() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requisites: SellerRequisites) =>
      api<SellerRequisites>(PATH, { method: 'PUT', json: requisites }),
    onSuccess: (saved) => queryClient.setQueryData(sellerRequisitesQuery.queryKey, saved),
  });
}

async function send(method: 'PUT' | 'DELETE', body?: FormData): Promise<void> {
  let response: Response;
  try {
    response = await fetch(LOGO_PATH, {
      method,
      body: body ?? null,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
}

/** The current logo as an object URL for an <img>, or null when there is none (404). */
export const sellerLogoQuery = queryOptions({
  queryKey: ['admin', 'settings', 'seller', 'logo'],
  queryFn: async (): Promise<string | null> => {
    let response: Response;
    try {
      response = await fetch(LOGO_PATH, { credentials: 'same-origin', cache: 'no-store' });
    } catch (error) {
      throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new ApiError(response.status, { title: response.statusText });
    return URL.createObjectURL(await response.blob());
  },
});

export function useUploadSellerLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return send('PUT', body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sellerLogoQuery.queryKey }),
  });
}

export function useRemoveSellerLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send('DELETE'),
    onSuccess: () => queryClient.setQueryData(sellerLogoQuery.queryKey, null),
  });
}
