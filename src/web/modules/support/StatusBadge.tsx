import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/support';

const colors: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'cyan',
  pending: 'orange',
  resolved: 'teal',
  closed: 'gray',
  merged: 'gray',
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[status]} data-testid="ticket-status">
      {t(`support.statuses.${status}`)}
    </Badge>
  );
}
