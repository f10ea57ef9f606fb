import type { NavItem, NavSection } from './module-types';
import { webModules } from './modules';
import type { Session } from './portal';
import { navItemsWithin } from './section-access';

export const NAV_SECTIONS: NavSection[] = ['cabinet', 'backOffice'];

/**
 * The nav items of every module that this session may see, sorted by `order`. Back-office items also need
 * their module among the session's allowed sections (set per staff role), when it has such a list; in a
 * company context, cabinet items need their module among `companySections` (set per customer group).
 */
export function visibleNavItems(
  session: Session | undefined,
  companySections: string[] | null = null,
): NavItem[] {
  const permissions = new Set(session?.permissions ?? []);
  const sections = session?.sections ?? null;
  return webModules
    .flatMap((module) =>
      navItemsWithin(module, companySections).filter(
        (item) => item.section !== 'backOffice' || sections === null || sections.includes(module.id),
      ),
    )
    .filter((item) => !item.permission || permissions.has(item.permission))
    .sort((a, b) => a.order - b.order);
}

/** True when `pathname` is at (or, unless `exact`, below) the item's path. */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.exact || item.to === '/') return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
