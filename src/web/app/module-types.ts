import type { TablerIcon } from '@tabler/icons-react';
import type { AnyRoute } from '@tanstack/react-router';
import type { TranslationKey } from '../i18n/types';

/** Where a navigation item is listed: the cabinets a person works in, or the back office for staff. */
export type NavSection = 'cabinet' | 'backOffice';

/** One entry of the side navigation (and, with `mobile`, of the phone's bottom bar). */
export interface NavItem {
  /** Absolute client path the item links to. */
  to: string;
  /** i18n key of the label. */
  label: TranslationKey;
  icon: TablerIcon;
  section: NavSection;
  /** Shown only when the session has this permission (see src/shared/permissions.ts). */
  permission?: string;
  /**
   * A company section: shown only in a company context (`/orgs/:orgId/...`) when my role there holds this
   * org permission; `to` names the company as `$orgId` (`/orgs/$orgId/documents`).
   */
  companyPermission?: string;
  /**
   * Where the item leads in a company context instead of `to` (`/orgs/$orgId/help`): the same section, with the
   * company's own content.
   */
  companyTo?: string;
  /** Highlight the item only on an exact path match (for `/`). */
  exact?: boolean;
  /** Also show the item in the bottom bar on a phone (keep it to the 3–4 most used items). */
  mobile?: boolean;
  /** Sort order inside its section; lower first. */
  order: number;
}

/**
 * A web module: the client half of a server module with the same name (src/modules/<id>).
 * `routes` receives the shell's layout route and returns this module's routes as its children,
 * created with `createRoute({ getParentRoute: () => parent, path: '/...' })`.
 */
export interface WebModule {
  id: string;
  routes: (parent: AnyRoute) => AnyRoute[];
  nav?: NavItem[];
}
