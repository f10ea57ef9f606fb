import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TransferStatus } from './api';

const colors: Record<TransferStatus, string> = {
  queued: 'gray',
  uploaded: 'gray',
  validating: 'blue',
  validated: 'indigo',
  applying: 'blue',
  exporting: 'blue',
  done: 'teal',
  failed: 'red',
};

/** The status of an import or export as a coloured label. */
export function StatusBadge({ status }: { status: TransferStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[status]} data-testid="transfer-status">
      {t(`catalog-transfer.status.${status}`)}
    </Badge>
  );
}
