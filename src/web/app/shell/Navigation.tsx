import { Badge, Box, Group, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../module-types';
import { isNavItemActive, NAV_SECTIONS } from '../nav';
import { useSettings } from '../portal';
import classes from './Shell.module.css';

interface SideNavigationProps {
  items: NavItem[];
  onNavigate: () => void;
}

/** The side navigation: one group per section, then the portal version at the bottom. */
export function SideNavigation({ items, onNavigate }: SideNavigationProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { version, demo } = useSettings();
  return (
    <>
      <ScrollArea style={{ flex: 1 }} p="sm" type="scroll">
        <Stack gap="lg">
          {NAV_SECTIONS.map((section) => {
            const sectionItems = items.filter((item) => item.section === section);
            if (sectionItems.length === 0) return null;
            const headingId = `nav-section-${section}`;
            return (
              <Box key={section} component="section" aria-labelledby={headingId}>
                <Text id={headingId} className={classes.navHeading} component="h2">
                  {t(`nav.sections.${section}`)}
                </Text>
                <Stack gap={2} component="ul" className={classes.plainList}>
                  {sectionItems.map((item) => {
                    const active = isNavItemActive(item, pathname);
                    return (
                      <li key={item.to}>
                        <NavLink
                          label={t(item.label)}
                          leftSection={<item.icon size={20} stroke={1.7} aria-hidden="true" />}
                          active={active}
                          variant="light"
                          className={classes.navLink}
                          aria-current={active ? 'page' : undefined}
                          onClick={onNavigate}
                          renderRoot={(props) => <Link to={item.to} {...props} />}
                        />
                      </li>
                    );
                  })}
                </Stack>
              </Box>
            );
          })}
        </Stack>
      </ScrollArea>
      <Group className={classes.navFooter} justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('shell.version', { version })}
        </Text>
        {demo ? (
          <Badge size="sm" variant="light" color="orange">
            {t('shell.demo')}
          </Badge>
        ) : null}
      </Group>
    </>
  );
}

interface BottomNavigationProps {
  items: NavItem[];
  menuOpened: boolean;
  onToggleMenu: () => void;
  onNavigate: () => void;
}

/** The phone's bottom bar: the most used items and "More", which opens the full navigation. */
export function BottomNavigation({ items, menuOpened, onToggleMenu, onNavigate }: BottomNavigationProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mobileItems = items.filter((item) => item.mobile).slice(0, 4);
  return (
    <nav aria-label={t('shell.bottomNavigation')} className={classes.bottomNav} data-testid="bottom-nav">
      {mobileItems.map((item) => {
        const active = !menuOpened && isNavItemActive(item, pathname);
        return (
          <Link
            key={item.to}
            to={item.to}
            className={classes.bottomNavItem}
            data-active={active || undefined}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          >
            <item.icon size={22} stroke={1.7} aria-hidden="true" />
            <span>{t(item.label)}</span>
          </Link>
        );
      })}
      <UnstyledButton
        className={classes.bottomNavItem}
        data-active={menuOpened || undefined}
        aria-expanded={menuOpened}
        aria-controls="kabinet-navbar"
        onClick={onToggleMenu}
      >
        <IconDots size={22} stroke={1.7} aria-hidden="true" />
        <span>{t('shell.more')}</span>
      </UnstyledButton>
    </nav>
  );
}
