import type { AnyRoute } from '@tanstack/react-router';
import type { NavItem, WebModule } from './module-types';

/**
 * Section access of a company's customer group ("режимы для групп пользователей"): in a company context
 * (`/orgs/:orgId/...`) a module with cabinet nav items is a section the group may be limited to. `sections`
 * null means every section; modules without cabinet items (the company page itself) are never left out.
 */
export function leftOutOfSections(module: Pick<WebModule, 'id' | 'nav'>, sections: string[] | null): boolean {
  if (sections === null) return false;
  const isCabinetSection = (module.nav ?? []).some((item) => item.section === 'cabinet');
  return isCabinetSection && !sections.includes(module.id);
}

/** Nav items a module shows under these company sections: its cabinet items go when it is left out. */
export function navItemsWithin(module: Pick<WebModule, 'id' | 'nav'>, sections: string[] | null): NavItem[] {
  const leftOut = leftOutOfSections(module, sections);
  return (module.nav ?? []).filter((item) => item.section !== 'cabinet' || !leftOut);
}

// The module each route belongs to, filled while the route tree is built (router.tsx), so the shell can
// tell which section the open page is in.
const moduleOfRouteMap = new WeakMap<AnyRoute, string>();

export function registerModuleRoutes(moduleId: string, routes: AnyRoute[]): AnyRoute[] {
  for (const route of routes) moduleOfRouteMap.set(route, moduleId);
  return routes;
}

export function moduleOfRoute(route: AnyRoute | undefined): string | undefined {
  return route ? moduleOfRouteMap.get(route) : undefined;
}
