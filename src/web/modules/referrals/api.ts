import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type ReferralStatus = 'joined' | 'ordered' | 'rewarded' | 'rejected';
export type RejectReason = 'same_person' | 'same_phone' | 'same_card' | 'same_address' | 'below_minimum';
export const referralStatuses: ReferralStatus[] = ['joined', 'ordered', 'rewarded', 'rejected'];
/** Why a claim was refused (the problem's `errors[0].message` on `code`). */
export const claimRefusals = [
  'unknown_code',
  'own_code',
  'already_claimed',
  'after_first_order',
  'programme_off',
] as const;
export type ClaimRefusal = (typeof claimRefusals)[number];

/** A referral as its two sides see it (src/modules/referrals/referrals.schema.ts). */
export interface Referral {
  id: string;
  code: string;
  referrer: string;
  friend: string;
  status: ReferralStatus;
  rejectReason: RejectReason | null;
  orderNumber: string | null;
  referrerPoints: number;
  friendPoints: number;
  joinedAt: string;
  orderedAt: string | null;
  decidedAt: string | null;
}

export interface Terms {
  enabled: boolean;
  referrerPoints: number;
  friendPoints: number;
  minOrderAmount: number;
}

export interface MyReferrals {
  code: string;
  link: string;
  terms: Terms;
  invited: Referral[];
  joinedBy: Referral | null;
  canClaim: boolean;
}

export interface Landing {
  code: string;
  referrer: string;
  enabled: boolean;
  friendPoints: number;
  minOrderAmount: number;
}

export interface AdminReferral extends Omit<Referral, 'referrer' | 'friend'> {
  referrer: { id: string; name: string; email: string };
  friend: { id: string; name: string; email: string };
}

/** Where a guest's referral code waits while they sign up and confirm the address. */
const PENDING_KEY = 'kabinet.referralCode';
export const pendingCode = {
  get: (): string | null => {
    try {
      return window.localStorage.getItem(PENDING_KEY);
    } catch {
      return null;
    }
  },
  set: (code: string) => {
    try {
      window.localStorage.setItem(PENDING_KEY, code);
    } catch {
      // Private mode: the person can still type the code on /referrals.
    }
  },
  clear: () => {
    try {
      window.localStorage.removeItem(PENDING_KEY);
    } catch {
      // Nothing stored.
    }
  },
};

export const myReferralsQuery = queryOptions({
  queryKey: ['referrals', 'me'],
  meta: { needsPerson: true },
  queryFn: () => api<MyReferrals>('/api/v1/me/referrals'),
});

export const landingQuery = (code: string) =>
  queryOptions({
    queryKey: ['referrals', 'landing', code],
    queryFn: () => api<Landing>(`/api/v1/public/referrals/${encodeURIComponent(code)}`),
    retry: false,
  });

export function useClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api<Referral>('/api/v1/me/referrals/claim', { method: 'POST', json: { code } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['referrals'] }),
  });
}

export const adminReferralsQuery = (status: ReferralStatus | null) =>
  queryOptions({
    queryKey: ['admin', 'referrals', status ?? 'all'],
    queryFn: () =>
      api<{
        items: AdminReferral[];
        nextCursor: string | null;
        counts: Partial<Record<ReferralStatus, number>>;
      }>('/api/v1/admin/referrals', { query: { status, limit: 100 } }),
  });

export const referralSettingsQuery = queryOptions({
  queryKey: ['admin', 'referrals', 'settings'],
  queryFn: () => api<Terms>('/api/v1/admin/referrals/settings'),
});

export function useSaveReferralSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (terms: Terms) =>
      api<Terms>('/api/v1/admin/referrals/settings', { method: 'PUT', json: terms }),
    onSuccess: (saved) => client.setQueryData(referralSettingsQuery.queryKey, saved),
  });
}
