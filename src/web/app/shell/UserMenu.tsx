import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogin, IconLogout, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sessionQuery, useSignOut } from '../portal';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    parts
      .slice(0, 2)
      .map((part) => part.charAt(0).toUpperCase())
      .join('') || '?'
  );
}

/** The signed-in person's menu: their name and "Sign out"; "Sign in — coming soon" for a guest. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  const signOut = useSignOut();
  const user = session.data?.user ?? null;

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
          <Avatar radius="xl" size={34} color="brand" variant={user ? 'filled' : 'light'}>
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
              {user.email ? (
                <Text size="xs" c="dimmed" truncate>
                  {user.email}
                </Text>
              ) : null}
            </div>
            <Menu.Divider />
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
            <Menu.Item leftSection={<IconLogin size={16} aria-hidden="true" />} disabled>
              {t('shell.user.signInSoon')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
