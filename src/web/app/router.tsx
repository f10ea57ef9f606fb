import { createRootRoute, createRouter } from '@tanstack/react-router';
import { PageSkeleton } from '../ui/Skeletons';
import { webModules } from './modules';
import { NotFoundPage, RouteErrorPage } from './pages';
import { registerModuleRoutes } from './section-access';
import { Shell } from './shell/Shell';

/** The root route is the shell; every module's routes are its children (see modules.ts). */
export const rootRoute = createRootRoute({
  component: Shell,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const routeTree = rootRoute.addChildren(
  webModules.flatMap((module) => registerModuleRoutes(module.id, module.routes(rootRoute))),
);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultPendingComponent: PageSkeleton,
  defaultErrorComponent: RouteErrorPage,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});
