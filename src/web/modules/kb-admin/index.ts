import { IconBook2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const editor = lazyRouteComponent(() => import('./EditorPage'), 'EditorPage');

/** Back office: the knowledge base editor (permission `kb.manage`, docs/kb.md). */
export const kbAdminModule: WebModule = {
  id: 'kb-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/kb',
      component: lazyRouteComponent(() => import('./ArticlesPage'), 'ArticlesPage'),
    }),
    createRoute({ getParentRoute: () => parent, path: '/admin/kb/new', component: editor }),
    createRoute({ getParentRoute: () => parent, path: '/admin/kb/$id', component: editor }),
  ],
  nav: [
    {
      to: '/admin/kb',
      label: 'kb-admin.nav',
      icon: IconBook2,
      section: 'backOffice',
      permission: 'kb.manage',
      order: 48,
    },
  ],
};
