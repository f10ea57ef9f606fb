import { Button, Code, Collapse, Container, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconHome, IconMapPinOff, IconRefresh } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { Link, useLocation, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { StateMessage } from '../ui/StatusState';
import { usePageTitle } from '../ui/usePageTitle';

/** The page for a client route that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack gap="lg" py={{ base: 'md', sm: 'xl' }} data-testid="not-found">
      <StateMessage
        icon={<IconMapPinOff size={30} />}
        titleOrder={1}
        title={t('notFound.title')}
        description={
          <>
            <Text span inherit>
              {t('notFound.description')}
            </Text>{' '}
            <Code>{pathname}</Code>
          </>
        }
        actions={
          <Group gap="sm" justify="center">
            <Button leftSection={<IconHome size={16} />} renderRoot={(props) => <Link to="/" {...props} />}>
              {t('notFound.home')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => window.history.back()}
            >
              {t('common.back')}
            </Button>
          </Group>
        }
      />
    </Stack>
  );
}

interface ErrorPageProps {
  error: unknown;
  onRetry?: () => void;
  /** Inside the router a "Home" link works; in the outer error boundary it may not. */
  withHomeLink?: boolean;
}

/** What a person sees when a page crashed: an apology, a retry, and the technical message on request. */
export function ErrorPage({ error, onRetry, withHomeLink = true }: ErrorPageProps) {
  const { t } = useTranslation();
  const [detailsOpened, details] = useDisclosure(false);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Container size="sm" py={{ base: 'md', sm: 'xl' }} data-testid="error-page">
      <StateMessage
        role="alert"
        color="red"
        icon={<IconAlertTriangle size={30} />}
        titleOrder={1}
        title={t('errorPage.title')}
        description={t('errorPage.description')}
        actions={
          <Stack gap="sm" align="center">
            <Group gap="sm" justify="center">
              <Button
                leftSection={<IconRefresh size={16} />}
                onClick={onRetry ?? (() => window.location.reload())}
              >
                {t('common.retry')}
              </Button>
              {withHomeLink ? (
                <Button variant="default" leftSection={<IconHome size={16} />} component="a" href="/">
                  {t('notFound.home')}
                </Button>
              ) : null}
            </Group>
            <Button variant="subtle" size="xs" onClick={details.toggle} aria-expanded={detailsOpened}>
              {detailsOpened ? t('errorPage.hideDetails') : t('errorPage.showDetails')}
            </Button>
            <Collapse expanded={detailsOpened}>
              <Code block maw={520} style={{ whiteSpace: 'pre-wrap', textAlign: 'left' }}>
                {message}
              </Code>
            </Collapse>
          </Stack>
        }
      />
    </Container>
  );
}

/** TanStack Router's errorComponent: the error page with a retry that reloads the route. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <ErrorPage
      error={error}
      onRetry={() => {
        reset();
        void router.invalidate();
      }}
    />
  );
}
