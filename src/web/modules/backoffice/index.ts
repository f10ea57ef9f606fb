import { IconHistory, IconShieldLock, IconUsers } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

// The back office's people, roles and audit screens. Each is its own web module, because the module id is
// the "section" a staff role or customer group may be allowed to see (src/web/app/nav.ts).

/** Back office: people — search, person card, block, staff roles, invitations, "sign in as". */
export const peopleModule: WebModule = {
  id: 'people',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/people',
      component: lazyRouteComponent(() => import('./PeoplePage'), 'PeoplePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/people/$userId',
      component: lazyRouteComponent(() => import('./PersonPage'), 'PersonPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/staff-invitation',
      component: lazyRouteComponent(() => import('./AcceptInvitationPage'), 'AcceptInvitationPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/people',
      label: 'backoffice.nav.people',
      icon: IconUsers,
      section: 'backOffice',
      permission: 'people.read',
      mobile: true,
      order: 10,
    },
  ],
};

/** Back office: staff roles and permissions, and section access per role and customer group. */
export const rolesModule: WebModule = {
  id: 'roles',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/roles',
      component: lazyRouteComponent(() => import('./RolesPage'), 'RolesPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/roles',
      label: 'backoffice.nav.roles',
      icon: IconShieldLock,
      section: 'backOffice',
      permission: 'roles.manage',
      order: 20,
    },
  ],
};

/** Back office: the audit log. */
export const auditModule: WebModule = {
  id: 'audit',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/audit',
      component: lazyRouteComponent(() => import('./AuditPage'), 'AuditPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/audit',
      label: 'backoffice.nav.audit',
      icon: IconHistory,
      section: 'backOffice',
      permission: 'audit.read',
      order: 30,
    },
  ],
};
