import { Select } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/contexts';
import { type CatalogScope, catalogPath } from './scope';

/**
 * "Prices for: me / company": a member of companies picks whose prices and stock the catalog shows. The choice
 * is the URL (`/catalog` or `/orgs/:orgId/catalog`), like the shell's context switcher.
 */
export function ScopeSwitch({
  scope,
  rest = '',
  search,
}: {
  scope: CatalogScope;
  rest?: string;
  search?: object;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const companies = me.data?.contexts.companies ?? [];
  if (scope.kind === 'public' || companies.length === 0) return null;
  const value = scope.kind === 'org' ? scope.orgId : 'me';
  return (
    <Select
      label={t('catalog.scope.label')}
      allowDeselect={false}
      w={{ base: '100%', xs: 260 }}
      data={[
        { value: 'me', label: t('catalog.scope.personal') },
        ...companies.map((company) => ({ value: company.id, label: company.name })),
      ]}
      value={value}
      onChange={(next) => {
        if (!next || next === value) return;
        const target: CatalogScope = next === 'me' ? { kind: 'me' } : { kind: 'org', orgId: next };
        void navigate({ to: catalogPath(target, rest), search: search as never });
      }}
      data-testid="catalog-scope"
    />
  );
}
