import { IconBuilding, IconTags } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The company cabinet: `/orgs/:orgId/...` carries the company in the URL, so two tabs can work in two
 * companies. The context switcher in the shell lists the person's companies (it has no static nav item).
 * Back-office company screens live under /admin/companies and /admin/customer-groups.
 */
export const companiesModule: WebModule = {
  id: 'companies',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId',
      component: lazyRouteComponent(() => import('./CompanyPage'), 'CompanyPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/roles',
      component: lazyRouteComponent(() => import('./RolesPage'), 'RolesPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/invitations/$token',
      component: lazyRouteComponent(() => import('./InvitationPage'), 'InvitationPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/companies',
      component: lazyRouteComponent(() => import('./admin/CompaniesAdminPage'), 'CompaniesAdminPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/companies/$companyId',
      component: lazyRouteComponent(() => import('./admin/CompanyAdminPage'), 'CompanyAdminPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/customer-groups',
      component: lazyRouteComponent(() => import('./admin/CustomerGroupsPage'), 'CustomerGroupsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/companies',
      label: 'companies.admin.nav.companies',
      icon: IconBuilding,
      section: 'backOffice',
      permission: 'companies.read',
      mobile: true,
      order: 20,
    },
    {
      to: '/admin/customer-groups',
      label: 'companies.admin.nav.groups',
      icon: IconTags,
      section: 'backOffice',
      permission: 'companies.read',
      order: 25,
    },
  ],
};
