import { Button } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionQuery } from '../../app/portal';
import { ListSkeleton } from '../../ui/Skeletons';
import { StateMessage } from '../../ui/StatusState';

/** Renders its children for a signed-in person; a guest is asked to sign in and come back. */
export function SignedInOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  const { href } = useLocation();
  if (session.isPending) return <ListSkeleton />;
  if (!session.data?.user) {
    return (
      <StateMessage
        testId="profile-sign-in"
        titleOrder={1}
        icon={<IconLogin size={28} />}
        title={t('profile.signInRequired.title')}
        description={t('profile.signInRequired.description')}
        actions={
          <Button
            leftSection={<IconLogin size={16} />}
            renderRoot={(props) => <Link to="/sign-in" search={{ redirect: href }} {...props} />}
          >
            {t('shell.user.signIn')}
          </Button>
        }
      />
    );
  }
  return children;
}
