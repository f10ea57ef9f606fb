import { Button, EmptyState, Paper } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';

interface StateMessageProps {
  icon: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  color?: string;
  /** ARIA role: 'alert' for errors that appear after an action, 'status' for quiet states. */
  role?: 'alert' | 'status';
  /** Render the title as this heading level (1 when the message is the whole page). */
  titleOrder?: 1 | 2 | 3;
  testId?: string;
}

/** A centred empty / error / no-access message inside a card. */
export function StateMessage({
  icon,
  title,
  description,
  actions,
  color,
  role,
  titleOrder = 2,
  testId,
}: StateMessageProps) {
  return (
    <Paper withBorder p={{ base: 'lg', sm: 'xl' }} role={role} data-testid={testId}>
      <EmptyState size="md" variant="light" color={color} styles={{ description: { maxWidth: '34rem' } }}>
        <EmptyState.Indicator aria-hidden="true">{icon}</EmptyState.Indicator>
        <EmptyState.Title order={titleOrder}>{title}</EmptyState.Title>
        {description ? <EmptyState.Description>{description}</EmptyState.Description> : null}
        {actions ? <EmptyState.Actions>{actions}</EmptyState.Actions> : null}
      </EmptyState>
    </Paper>
  );
}

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  title?: ReactNode;
  /** 1 when the error is all the page shows. */
  titleOrder?: 1 | 2 | 3;
}

/** What went wrong while loading, in the person's language, with a retry button. */
export function ErrorState({ error, onRetry, title, titleOrder }: ErrorStateProps) {
  const { t } = useTranslation();
  let description: string = t('errors.generic');
  if (error instanceof ApiError) {
    if (error.status === 0) description = t('errors.network');
    else if (error.status >= 500) description = t('errors.server');
    else if (error.detail) description = error.detail;
  }
  return (
    <StateMessage
      role="alert"
      testId="error-state"
      titleOrder={titleOrder}
      color="red"
      icon={<IconAlertTriangle size={28} />}
      title={title ?? t('errors.loadFailed')}
      description={description}
      actions={
        onRetry ? (
          <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
