import { IconHome } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';
import { HomePage } from './HomePage';

/** The cabinet home: greeting, the cabinets the portal offers, and first steps. */
export const homeModule: WebModule = {
  id: 'home',
  routes: (parent) => [createRoute({ getParentRoute: () => parent, path: '/', component: HomePage })],
  nav: [
    { to: '/', label: 'nav.home', icon: IconHome, section: 'cabinet', exact: true, mobile: true, order: 0 },
  ],
};
