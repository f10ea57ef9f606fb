import type { NavItem, NavSection } from './module-types';
import { webModules } from './modules';
import type { Session } from './portal';
import { navItemsWithin } from './section-access';

export const NAV_SECTIONS: NavSection[] = ['cabinet', 'backOffice'];

/** The company of the current URL and my org permissions there (for company sections of the nav). */
export interface NavCompany {
  id: string;
  permissions: readonly string[];
}

/**
 * The nav items of every module that this session may see, sorted by `order`. Back-office items also need
 * their module among the session's allowed sections (set per staff role), when it has such a list; in a
 * company context, cabinet items need their module among `companySections` (set per customer group).
 * Company items (`companyPermission`) show only in a company context, pointed at that company.
 */
export function visibleNavItems(
  session: Session | undefined,
  companySections: string[] | null = null,
  company: NavCompany | null = null,
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
    .flatMap((item) => {
      if (item.companyTo && company)
        return [{ ...item, to: item.companyTo.replace('$orgId', encodeURIComponent(company.id)) }];
      if (!item.companyPermission) return [item];
      if (!company?.permissions.includes(item.companyPermission)) return [];
      return [{ ...item, to: item.to.replace('$orgId', encodeURIComponent(company.id)) }];
    })
    .sort((a, b) => a.order - b.order);
}

/** True when `pathname` is at (or, unless `exact`, below) the item's path. */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.exact || item.to === '/') return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
