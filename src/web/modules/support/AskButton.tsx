import { Button } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TicketContext } from '../../../shared/support';
import { askLink } from './context-search';

/**
 * "Ask a question" on another module's page: opens the new-request form of the scope (`base` is '' for mine or
 * `/orgs/<id>`) with the object of the page attached as the request's context.
 */
export function AskButton({ base, context }: { base: string; context: TicketContext }) {
  const { t } = useTranslation();
  const link = askLink(base, context);
  return (
    <Button
      variant="default"
      leftSection={<IconMessageQuestion size={16} aria-hidden="true" />}
      renderRoot={(props) => <Link to={link.to} search={link.search} {...props} />}
      data-testid="ask-question"
    >
      {t('support.ask')}
    </Button>
  );
}
