import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applyDefaultLanguage } from '../i18n';
import { holdAtTwoFactorSetup } from '../modules/twofactor/api';
import { ErrorState } from '../ui/StatusState';
import { isApiError } from './api';
import { AppErrorBoundary } from './ErrorBoundary';
import { SettingsContext, settingsQuery } from './portal';
import { router } from './router';
import { ShellSkeleton } from './ShellSkeleton';
import { buildTheme, colorSchemeManager, cssVariablesResolver, FALLBACK_PRIMARY } from './theme';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => holdAtTwoFactorSetup(error, router) }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network blip or a 5xx might.
      retry: (failureCount, error) => !isApiError(error, 400, 401, 403, 404, 422) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Loads the portal settings, then renders the router; a skeleton until then, an error state on failure. */
function SettingsGate() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);

  useEffect(() => {
    if (!settings.data) return;
    document.title = settings.data.name;
    applyDefaultLanguage(settings.data.defaultLanguage);
  }, [settings.data]);

  if (settings.data) {
    return (
      <SettingsContext.Provider value={settings.data}>
        <RouterProvider router={router} />
      </SettingsContext.Provider>
    );
  }
  if (settings.isError) {
    return (
      <main style={{ maxWidth: 640, margin: '10vh auto', padding: 16 }}>
        <ErrorState
          error={settings.error}
          title={t('errors.settingsFailed')}
          titleOrder={1}
          onRetry={() => void settings.refetch()}
        />
      </main>
    );
  }
  return <ShellSkeleton />;
}

function ThemedApp() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  const closeLabel = t('common.close');
  const theme = useMemo(
    () => buildTheme(settings.data?.primaryColor ?? FALLBACK_PRIMARY, { close: closeLabel }),
    [settings.data?.primaryColor, closeLabel],
  );
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="top-right" />
      <AppErrorBoundary>
        <SettingsGate />
      </AppErrorBoundary>
    </MantineProvider>
  );
}

/** The whole web app: data client, theme built from the portal's brand colour, settings, router. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ThemedApp />
    </QueryClientProvider>
  );
}
