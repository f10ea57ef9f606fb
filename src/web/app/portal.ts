import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from './api';
import { isLanguage, type Language, SUPPORTED_LANGUAGES } from './preferences';

/** Public branding and language settings of the portal (GET /api/v1/public/settings). */
export interface PortalSettings {
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  defaultLanguage: string;
  languages: string[];
  demo: boolean;
  version: string;
}

/** The signed-in person, if any, and what they may do (GET /api/v1/session). */
export interface Session {
  user: { id: string; name: string; email: string } | null;
  permissions: string[];
  /** Back-office sections (web module ids) the person may see; null or absent means every section. */
  sections?: string[] | null;
}

export const settingsQuery = queryOptions({
  queryKey: ['public', 'settings'],
  queryFn: () => api<PortalSettings>('/api/v1/public/settings'),
  staleTime: 5 * 60_000,
});

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: () => api<Session>('/api/v1/session'),
  staleTime: 30_000,
});

export const SettingsContext = createContext<PortalSettings | null>(null);

/** Portal settings; the app renders its routes only once they are loaded (see SettingsGate). */
export function useSettings(): PortalSettings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings() is used outside SettingsGate');
  return settings;
}

/**
 * Drops everything but the public settings — it belonged to the old session — and refetches what is on
 * screen. Call after signing in or out.
 */
export function resetSessionQueries(client: QueryClient): Promise<void> {
  return client.resetQueries({ predicate: (query) => query.queryKey[0] !== 'public' });
}

const GUEST: Session = { user: null, permissions: [] };

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** The query needs a signed-in person (it is enabled only then): on sign-out it is dropped, not refetched. */
      needsPerson?: boolean;
    };
  }
}

/** Signs the person out and refreshes everything that depended on the session. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>('/api/v1/auth/sign-out', { method: 'POST', json: {} }),
    onSuccess: async () => {
      // Become a guest at once and drop the queries that need a person: refetched now, they would only get 401.
      client.setQueryData(sessionQuery.queryKey, GUEST);
      client.removeQueries({ predicate: (query) => query.meta?.needsPerson === true });
      await resetSessionQueries(client);
    },
    onError: () => client.invalidateQueries({ queryKey: sessionQuery.queryKey }),
  });
}

/** True when the session grants `permission`. */
export function can(session: Session | undefined, permission: string): boolean {
  return session?.permissions.includes(permission) ?? false;
}

/** The languages the person may switch between: the portal's list, limited to those the app has texts for. */
export function usePortalLanguages(): Language[] {
  const { languages } = useSettings();
  const offered = (languages ?? []).filter(isLanguage);
  return offered.length > 0 ? offered : [...SUPPORTED_LANGUAGES];
}
