import { Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { adminCategoriesQuery, deleteCategory, fieldErrors, saveCategory } from './api';

const empty = { slug: '', nameRu: '', nameEn: '', sort: 0 };

/** The help centre's categories: add, rename, reorder, delete an empty one. */
export function CategoriesEditor() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const categories = useQuery(adminCategoriesQuery);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState(empty);
  const refresh = () => client.invalidateQueries({ queryKey: ['kb-admin'] });
  const save = useMutation({
    mutationFn: () => saveCategory(editing, form),
    onSuccess: () => {
      setEditing(null);
      setForm(empty);
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteCategory, onSuccess: () => void refresh() });
  const errors = fieldErrors(save.error);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="kb-categories-title">
      <Title order={2} size="h4" id="kb-categories-title" mb="sm">
        {t('kb-admin.categories.title')}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Tbody>
            {(categories.data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {c.nameRu} / {c.nameEn}
                  <Text size="xs" c="dimmed">
                    {c.slug} · {t('kb-admin.categories.count', { count: c.articleCount })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setEditing(c.id);
                        setForm({ slug: c.slug, nameRu: c.nameRu, nameEn: c.nameEn, sort: c.sort });
                      }}
                    >
                      {t('kb-admin.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      disabled={c.articleCount > 0}
                      onClick={() => remove.mutate(c.id)}
                    >
                      {t('kb-admin.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" mt="md">
        <Group gap="sm" wrap="wrap" align="flex-start">
          <TextInput
            label={t('kb-admin.categories.nameRu')}
            value={form.nameRu}
            error={errors.nameRu}
            onChange={(e) => setForm({ ...form, nameRu: e.currentTarget.value })}
          />
          <TextInput
            label={t('kb-admin.categories.nameEn')}
            value={form.nameEn}
            error={errors.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
          />
          <TextInput
            label={t('kb-admin.fields.slug')}
            value={form.slug}
            error={errors.slug}
            onChange={(e) => setForm({ ...form, slug: e.currentTarget.value })}
          />
          <NumberInput
            label={t('kb-admin.categories.sort')}
            value={form.sort}
            min={0}
            w={100}
            onChange={(v) => setForm({ ...form, sort: Number(v) || 0 })}
          />
        </Group>
        {save.error instanceof ApiError && !Object.keys(errors).length ? (
          <Text c="red" size="sm" role="alert">
            {save.error.detail ?? t('errors.generic')}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {editing ? t('kb-admin.save') : t('kb-admin.categories.add')}
          </Button>
          {editing ? (
            <Button
              variant="default"
              onClick={() => {
                setEditing(null);
                setForm(empty);
              }}
            >
              {t('kb-admin.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
