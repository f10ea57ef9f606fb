import { Button, Text } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { sessionQuery } from '../../app/portal';
import { PageSkeleton } from '../../ui/Skeletons';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuthResult } from './AuthCard';
import { safeRedirect } from './validation';

/**
 * Where the e-mail confirmation link lands: the server has verified the address and signed the person in, or
 * redirected here with `?error=` when the link was stale.
 */
export function WelcomePage() {
  const { t } = useTranslation();
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const failed = new URLSearchParams(searchStr).has('error');
  // Sign-up may name a page to go on to (`/sign-up?redirect=`): a referral link, for one.
  const target = safeRedirect(new URLSearchParams(searchStr).get('redirect'));
  const signIn = target === '/' ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(target)}`;
  const session = useQuery(sessionQuery);
  usePageTitle(failed ? t('identity.welcome.invalid.title') : t('identity.welcome.pageTitle'));

  if (failed) {
    return (
      <AuthResult
        icon={<IconLinkOff size={28} />}
        color="orange"
        title={t('identity.welcome.invalid.title')}
        testId="welcome-invalid"
      >
        <Text>{t('identity.welcome.invalid.text')}</Text>
        <Button renderRoot={(props) => <Link to="/sign-in" {...props} />}>
          {t('identity.welcome.signIn')}
        </Button>
      </AuthResult>
    );
  }
  if (session.isPending) return <PageSkeleton />;
  const user = session.data?.user;
  return (
    <AuthResult
      icon={<IconCircleCheck size={28} />}
      color="teal"
      title={t('identity.welcome.title')}
      testId="welcome"
    >
      <Text>{user ? t('identity.welcome.text', { name: user.name }) : t('identity.welcome.textGuest')}</Text>
      {user ? (
        <Button renderRoot={(props) => <Link to={target} {...props} />}>{t('identity.welcome.home')}</Button>
      ) : (
        <Button renderRoot={(props) => <Link to={signIn} {...props} />}>
          {t('identity.welcome.signIn')}
        </Button>
      )}
    </AuthResult>
  );
}
