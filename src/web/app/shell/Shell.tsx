import { AppShell, Badge, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type AnyRoute, Link, Outlet, useLocation, useMatches, useRouter } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ImpersonationBanner } from '../../modules/backoffice/ImpersonationBanner';
import { CartIndicator } from '../../modules/carts/CartIndicator';
import { companyQuery } from '../../modules/companies/api';
import { NotificationBell } from '../../modules/notifications/NotificationBell';
import { BrandMark } from '../../ui/BrandMark';
import { useCompanySections, useCurrentOrgId } from '../contexts';
import { webModules } from '../modules';
import { visibleNavItems } from '../nav';
import { NotFoundPage } from '../pages';
import { sessionQuery, useSettings } from '../portal';
import { leftOutOfSections, moduleOfRoute } from '../section-access';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { ContextSwitcher } from './ContextSwitcher';
import { LanguageMenu } from './LanguageMenu';
import { BottomNavigation, SideNavigation } from './Navigation';
import classes from './Shell.module.css';
import { UserMenu } from './UserMenu';

/** Matches Mantine's `sm` breakpoint (48em), where the side navigation turns into burger + bottom bar. */
const PHONE_QUERY = '(max-width: 47.99em)';

/** True when the open page belongs to a section the current company's customer group may not see. */
function useOpenPageLeftOut(companySections: string[] | null): boolean {
  const router = useRouter();
  const matches = useMatches();
  const leaf = matches[matches.length - 1]?.routeId as string | undefined;
  if (companySections === null || !leaf) return false;
  const moduleId = moduleOfRoute((router.routesById as Record<string, AnyRoute>)[leaf]);
  const module = webModules.find((m) => m.id === moduleId);
  return module !== undefined && leftOutOfSections(module, companySections);
}

/** The app shell: header, side navigation (burger + bottom bar on a phone) and the routed page. */
export function Shell() {
  const { t } = useTranslation();
  const settings = useSettings();
  const session = useQuery(sessionQuery);
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const { pathname } = useLocation();
  const companySections = useCompanySections();
  const orgId = useCurrentOrgId();
  const company = useQuery({
    ...companyQuery(orgId ?? ''),
    enabled: Boolean(orgId && session.data?.user),
  });
  const navCompany = useMemo(
    () => (orgId && company.data ? { id: orgId, permissions: company.data.myPermissions } : null),
    [orgId, company.data],
  );
  const items = useMemo(
    () => visibleNavItems(session.data, companySections, navCompany),
    [session.data, companySections, navCompany],
  );
  const leftOut = useOpenPageLeftOut(companySections);

  // A new page closes the phone navigation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => close(), [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      footer={{ height: 64, collapsed: !isPhone }}
      padding={{ base: 'md', sm: 'lg', lg: 'xl' }}
      className={classes.shell}
    >
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap={8} wrap="nowrap">
          <Burger
            opened={opened}
            onClick={toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={opened ? t('shell.closeNavigation') : t('shell.openNavigation')}
            aria-expanded={opened}
            aria-controls="kabinet-navbar"
            data-testid="burger"
          />
          <UnstyledButton
            renderRoot={(props) => <Link to="/" {...props} />}
            className={classes.brand}
            aria-label={t('shell.homeLink', { name: settings.name })}
          >
            <BrandMark name={settings.name} logoUrl={settings.logoUrl} />
            <Text component="span" className={classes.brandName} data-testid="business-name">
              {settings.name}
            </Text>
          </UnstyledButton>
          {settings.demo ? (
            <Badge variant="light" color="orange" visibleFrom="md" className={classes.demoBadge}>
              {t('shell.demo')}
            </Badge>
          ) : null}
          <Group gap={6} ml="auto" wrap="nowrap">
            <CartIndicator />
            <NotificationBell />
            <LanguageMenu />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="kabinet-navbar" aria-label={t('shell.navigation')} className={classes.navbar}>
        <ContextSwitcher onNavigate={close} />
        <SideNavigation items={items} onNavigate={close} />
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <div className={classes.content}>
          <ImpersonationBanner />
          {leftOut ? <NotFoundPage /> : <Outlet />}
        </div>
      </AppShell.Main>

      {isPhone ? (
        <AppShell.Footer className={classes.footer}>
          <BottomNavigation items={items} menuOpened={opened} onToggleMenu={toggle} onNavigate={close} />
        </AppShell.Footer>
      ) : null}
    </AppShell>
  );
}
