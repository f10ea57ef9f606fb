import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StateMessage } from '../../ui/StatusState';

/** Shown when the back office answers 401/403 for this section. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="no-access"
      color="orange"
      icon={<IconLock size={28} />}
      title={t('backoffice.noAccess')}
    />
  );
}
