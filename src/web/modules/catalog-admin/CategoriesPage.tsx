import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCategory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { type Category, categoriesQuery, fieldErrors, groupsQuery, send } from './api';
import { CatalogTabs } from './CatalogTabs';
import { categoryOptions } from './categoryOptions';

/** Back office: the category tree — create, rename, move, limit to customer groups, order, delete. */
export function CategoriesPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog-admin.categories.title'));
  const client = useQueryClient();
  const list = useQuery(categoriesQuery);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => send('DELETE', `/categories/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['catalog-admin', 'categories'] }),
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  const byId = new Map((list.data ?? []).map((c) => [c.id, c]));
  const ordered = categoryOptions(list.data ?? []).map((o) => byId.get(o.value) as Category);

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (ordered.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconCategory size={28} />}
        title={t('catalog-admin.categories.empty')}
      />
    );
  else
    body = (
      <Paper withBorder>
        <ul
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          aria-label={t('catalog-admin.categories.title')}
        >
          {ordered.map((c) => (
            <li key={c.id} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Group
                justify="space-between"
                wrap="nowrap"
                px="md"
                py={8}
                style={{ paddingLeft: `calc(var(--mantine-spacing-md) + ${(c.path.length - 1) * 1.25}rem)` }}
              >
                <Group gap="xs" style={{ minWidth: 0 }}>
                  <Text fw={c.path.length === 1 ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('catalog-admin.categories.products', { count: c.products })}
                  </Text>
                  {c.visibleGroupIds ? (
                    <Badge size="xs" variant="light" color="grape">
                      {t('catalog-admin.products.limited')}
                    </Badge>
                  ) : null}
                  {c.status === 'archived' ? (
                    <Badge size="xs" color="gray">
                      {t('catalog-admin.status.archived')}
                    </Badge>
                  ) : null}
                </Group>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('catalog-admin.edit', { name: c.name })}
                    onClick={() => setEditing(c)}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('catalog-admin.remove', { name: c.name })}
                    onClick={() => remove.mutate(c.id)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
            </li>
          ))}
        </ul>
      </Paper>
    );

  return (
    <>
      <PageHeader
        title={t('catalog-admin.categories.title')}
        description={t('catalog-admin.categories.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('catalog-admin.categories.create')}
          </Button>
        }
      />
      <CatalogTabs active="categories" />
      {body}
      {editing ? (
        <CategoryModal
          category={editing === 'new' ? null : editing}
          all={list.data ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function CategoryModal({
  category,
  all,
  onClose,
}: {
  category: Category | null;
  all: Category[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const groups = useQuery(groupsQuery);
  const [name, setName] = useState(category?.name ?? '');
  const [parentId, setParentId] = useState<string | null>(category?.parentId ?? null);
  const [position, setPosition] = useState(String(category?.position ?? 0));
  const [limited, setLimited] = useState(Boolean(category?.visibleGroupIds));
  const [visible, setVisible] = useState<string[]>(category?.visibleGroupIds ?? []);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        parentId,
        position: Number(position) || 0,
        visibleGroupIds: limited ? visible : null,
      };
      return category ? send('PATCH', `/categories/${category.id}`, body) : send('POST', '/categories', body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['catalog-admin', 'categories'] });
      notifications.show({ color: 'teal', message: t('catalog-admin.saved') });
      onClose();
    },
  });
  const e = fieldErrors(save.error);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={category ? category.name : t('catalog-admin.categories.create')}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('catalog-admin.categories.name')}
            required
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <Select
            label={t('catalog-admin.categories.parent')}
            placeholder={t('catalog-admin.categories.root')}
            clearable
            searchable
            data={categoryOptions(all, category?.id)}
            value={parentId}
            onChange={setParentId}
            error={e.parentId}
          />
          <TextInput
            label={t('catalog-admin.categories.position')}
            inputMode="numeric"
            value={position}
            onChange={(ev) => setPosition(ev.currentTarget.value)}
          />
          <Switch
            label={t('catalog-admin.visibility.limit')}
            checked={limited}
            onChange={(ev) => setLimited(ev.currentTarget.checked)}
          />
          {limited ? (
            <MultiSelect
              label={t('catalog-admin.visibility.chooseGroups')}
              data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              value={visible}
              onChange={setVisible}
            />
          ) : null}
          {save.isError && Object.keys(e).length === 0 ? (
            <Text c="red" role="alert">
              {save.error.message}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('catalog-admin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('catalog-admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
