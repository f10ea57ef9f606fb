import { NavLink, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Category } from './api';
import classes from './catalog.module.css';

interface CategoryTreeProps {
  categories: Category[] | undefined;
  loading: boolean;
  selected: string | undefined;
  onSelect: (categoryId: string | undefined) => void;
}

/** The ids of a category and its ancestors, so the branch of the open category stays expanded. */
function branchOf(categories: Category[], id: string | undefined): Set<string> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const branch = new Set<string>();
  let current = id ? byId.get(id) : undefined;
  while (current && !branch.has(current.id)) {
    branch.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return branch;
}

/** The category tree: top level always, children of the open branch, the open category highlighted. */
export function CategoryTree({ categories, loading, selected, onSelect }: CategoryTreeProps) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <Stack gap="xs" aria-busy="true">
        {[1, 2, 3, 4].map((n) => (
          <Skeleton key={n} height={28} radius="sm" />
        ))}
      </Stack>
    );
  }
  const all = categories ?? [];
  const branch = branchOf(all, selected);
  const children = new Map<string | null, Category[]>();
  for (const category of all) {
    const parent =
      category.parentId && all.some((c) => c.id === category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const renderLevel = (parent: string | null, depth: number) => (
    <ul className={classes.treeList}>
      {(children.get(parent) ?? []).map((category) => {
        const open = branch.has(category.id);
        const hasChildren = (children.get(category.id)?.length ?? 0) > 0;
        return (
          <li key={category.id}>
            <NavLink
              component="button"
              variant="light"
              className={classes.treeLink}
              type="button"
              label={category.name}
              active={category.id === selected}
              aria-current={category.id === selected ? 'page' : undefined}
              aria-expanded={hasChildren ? open : undefined}
              pl={12 + depth * 14}
              onClick={() => onSelect(category.id)}
              data-testid="category-link"
            />
            {open && hasChildren ? renderLevel(category.id, depth + 1) : null}
          </li>
        );
      })}
    </ul>
  );
  return (
    <nav aria-label={t('catalog.categories.title')} data-testid="category-tree">
      <NavLink
        component="button"
        variant="light"
        className={classes.treeLink}
        type="button"
        label={t('catalog.categories.all')}
        active={!selected}
        onClick={() => onSelect(undefined)}
      />
      {all.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm">
          {t('catalog.categories.empty')}
        </Text>
      ) : (
        renderLevel(null, 0)
      )}
    </nav>
  );
}
