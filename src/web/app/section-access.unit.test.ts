import { createRootRoute, createRoute } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import type { NavItem, WebModule } from './module-types';
import { leftOutOfSections, moduleOfRoute, navItemsWithin, registerModuleRoutes } from './section-access';

const icon = (() => null) as unknown as NavItem['icon'];
const item = (to: string, section: NavItem['section']): NavItem => ({
  to,
  label: 'nav.home',
  icon,
  section,
  order: 0,
});
const orders: Pick<WebModule, 'id' | 'nav'> = {
  id: 'orders',
  nav: [item('/orgs/x/orders', 'cabinet'), item('/admin/orders', 'backOffice')],
};
const companies: Pick<WebModule, 'id' | 'nav'> = {
  id: 'companies',
  nav: [item('/admin/companies', 'backOffice')],
};

describe("a customer group's sections in a company context", () => {
  it('leave out cabinet modules not listed, never modules without cabinet items', () => {
    expect(leftOutOfSections(orders, null)).toBe(false);
    expect(leftOutOfSections(orders, ['orders'])).toBe(false);
    expect(leftOutOfSections(orders, ['catalog'])).toBe(true);
    expect(leftOutOfSections(orders, [])).toBe(true);
    expect(leftOutOfSections(companies, [])).toBe(false);
  });

  it('hide only the cabinet nav items of a left-out module', () => {
    expect(navItemsWithin(orders, null).map((i) => i.to)).toEqual(['/orgs/x/orders', '/admin/orders']);
    expect(navItemsWithin(orders, ['orders']).map((i) => i.to)).toEqual(['/orgs/x/orders', '/admin/orders']);
    expect(navItemsWithin(orders, ['catalog']).map((i) => i.to)).toEqual(['/admin/orders']);
  });

  it('knows the module of each registered route', () => {
    const root = createRootRoute();
    const [route] = registerModuleRoutes('orders', [
      createRoute({ getParentRoute: () => root, path: '/orgs/$orgId/orders' }),
    ]);
    expect(moduleOfRoute(route)).toBe('orders');
    expect(moduleOfRoute(root)).toBeUndefined();
    expect(moduleOfRoute(undefined)).toBeUndefined();
  });
});
