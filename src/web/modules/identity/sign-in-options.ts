import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** What the business has switched on (GET /api/v1/public/sign-in-options), for every sign-in form. */
export interface SignInOptions {
  methods: { password: boolean; phoneCode: boolean; magicLink: boolean; passkey: boolean; external: boolean };
  providers: { id: string; name: string }[];
}

export type SignInMethods = SignInOptions['methods'];

export const signInOptionsQuery = queryOptions({
  queryKey: ['public', 'sign-in-options'],
  queryFn: () => api<SignInOptions>('/api/v1/public/sign-in-options'),
  staleTime: 60_000,
});
