import { IconHelpCircle } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const help = lazyRouteComponent(() => import('./HelpPage'), 'HelpPage');
const article = lazyRouteComponent(() => import('./ArticlePage'), 'ArticlePage');

/**
 * The help centre (docs/kb.md): `/help` for guests and signed-in people, and `/orgs/:orgId/help` for a member
 * acting in a company, which adds the company's articles. `KbSuggestions` is exported for request forms.
 */
export const kbModule: WebModule = {
  id: 'kb',
  routes: (parent) =>
    ['/help', '/orgs/$orgId/help'].flatMap((base) => [
      createRoute({ getParentRoute: () => parent, path: base, component: help }),
      createRoute({ getParentRoute: () => parent, path: `${base}/$slug`, component: article }),
    ]),
  nav: [
    {
      to: '/help',
      companyTo: '/orgs/$orgId/help',
      label: 'kb.nav',
      icon: IconHelpCircle,
      section: 'cabinet',
      order: 90,
    },
  ],
};

export { KbSuggestions } from './KbSuggestions';
