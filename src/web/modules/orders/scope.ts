import { useParams } from '@tanstack/react-router';
import type { OrderScope } from './api';

/** The scope of the current page: a company's when the URL names one, else my own. */
export function useOrderScope(): OrderScope {
  const params = useParams({ strict: false }) as { orgId?: string };
  return params.orgId ? { kind: 'org', orgId: params.orgId } : { kind: 'me' };
}
