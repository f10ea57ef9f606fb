import type { NavItem, NavSection } from './module-types';
import { webModules } from './modules';
import type { Session } from './portal';

export const NAV_SECTIONS: NavSection[] = ['cabinet', 'backOffice'];

/** The nav items of every module that this session may see, sorted by `order`. */
export function visibleNavItems(session: Session | undefined): NavItem[] {
  const permissions = new Set(session?.permissions ?? []);
  return webModules
    .flatMap((module) => module.nav ?? [])
    .filter((item) => !item.permission || permissions.has(item.permission))
    .sort((a, b) => a.order - b.order);
}

/** True when `pathname` is at (or, unless `exact`, below) the item's path. */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.exact || item.to === '/') return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
