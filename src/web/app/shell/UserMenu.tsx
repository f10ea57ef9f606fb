import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDatabaseExport,
  IconLifebuoy,
  IconLogin,
  IconLogout,
  IconMapPin,
  IconShieldLock,
  IconUser,
  IconUserCircle,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isPlaceholderEmail } from '../../../shared/phone';
import { profileQuery } from '../../modules/profile/api';
import { initials } from '../../ui/initials';
import { useMe } from '../contexts';
import { sessionQuery, useSignOut } from '../portal';

/** Pages a guest signs in from and should not be sent back to afterwards. */
const AUTH_PATHS = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password', '/welcome'];

/** The signed-in person's menu: their name and "Sign out"; "Sign in" and "Create an account" for a guest. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  const signOut = useSignOut();
  const { pathname, href } = useLocation();
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const user = session.data?.user ?? null;
  // The picture is part of the profile, not of the session; the profile page refreshes this query.
  const me = useMe();
  const profile = useQuery({ ...profileQuery, enabled: me.data?.user.kind === 'person', staleTime: 60_000 });
  const avatarUrl = user && profile.data?.id === user.id ? profile.data.avatarUrl : null;
  // After signing in, come back to the page the guest was looking at (home needs no parameter).
  const returnTo = pathname === '/' || AUTH_PATHS.includes(pathname) ? undefined : href;

  const handleSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => notifications.show({ message: t('shell.user.signedOut'), color: 'teal' }),
      onError: () => notifications.show({ message: t('shell.user.signOutFailed'), color: 'red' }),
    });
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton
          aria-label={user ? t('shell.user.menuFor', { name: user.name }) : t('shell.user.menu')}
          data-testid="user-menu"
          style={{ borderRadius: '50%' }}
        >
          <Avatar
            radius="xl"
            size={34}
            color="brand"
            variant={user ? 'filled' : 'light'}
            src={avatarUrl}
            alt=""
          >
            {user ? initials(user.name) : <IconUser size={18} stroke={1.8} aria-hidden="true" />}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {user ? (
          <>
            <Menu.Label>{t('shell.user.signedInAs')}</Menu.Label>
            <div style={{ padding: '0 12px 8px' }}>
              <Text fw={600} size="sm" data-testid="user-name" truncate>
                {user.name}
              </Text>
              {user.email && !isPlaceholderEmail(user.email) ? (
                <Text size="xs" c="dimmed" truncate data-testid="user-email">
                  {user.email}
                </Text>
              ) : null}
            </div>
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconUserCircle size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/profile" {...props} />}
            >
              {t('shell.user.profile')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconMapPin size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/profile/addresses" {...props} />}
            >
              {t('shell.user.addresses')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconShieldLock size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/profile/security" {...props} />}
            >
              {t('shell.user.security')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconDatabaseExport size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/profile/privacy" {...props} />}
            >
              {t('shell.user.privacy')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconLifebuoy size={16} aria-hidden="true" />}
              renderRoot={(props) => (
                // The page the person is on goes with the request, so support sees where they got stuck.
                <Link
                  to={`${orgId ? `/orgs/${orgId}` : ''}/support/new`}
                  search={{ kind: 'page', label: document.title.slice(0, 200), path: pathname }}
                  {...props}
                />
              )}
              data-testid="user-menu-help"
            >
              {t('support.help')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconLogout size={16} aria-hidden="true" />}
              onClick={handleSignOut}
              disabled={signOut.isPending}
            >
              {t('shell.user.signOut')}
            </Menu.Item>
          </>
        ) : (
          <>
            <Menu.Label>{t('shell.user.guest')}</Menu.Label>
            <Menu.Item
              leftSection={<IconLogin size={16} aria-hidden="true" />}
              renderRoot={(props) => (
                <Link to="/sign-in" search={returnTo ? { redirect: returnTo } : {}} {...props} />
              )}
            >
              {t('shell.user.signIn')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconUserPlus size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/sign-up" {...props} />}
            >
              {t('shell.user.signUp')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
