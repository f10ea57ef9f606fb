import { Anchor, Badge, Button, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconBook2, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { categoryName, kbAudiences } from '../kb/api';
import { adminArticlesQuery, adminCategoriesQuery, kbStatuses } from './api';
import { CategoriesEditor } from './CategoriesEditor';

const statusColor = { draft: 'gray', published: 'teal', archived: 'orange' } as const;

/** Back office: every article with status, category and audience filters, and the categories. */
export function ArticlesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('kb-admin.title'));
  const [status, setStatus] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [audience, setAudience] = useState<string | null>(null);
  const categories = useQuery(adminCategoriesQuery);
  const articles = useQuery(adminArticlesQuery({ status, categoryId, audience }));
  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, categoryName(c, i18n.language)]));

  return (
    <>
      <PageHeader
        title={t('kb-admin.title')}
        actions={
          <Button component={Link} to="/admin/kb/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
            {t('kb-admin.newArticle')}
          </Button>
        }
      />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select
            label={t('kb-admin.filters.status')}
            clearable
            data={kbStatuses.map((s) => ({ value: s, label: t(`kb-admin.status.${s}`) }))}
            value={status}
            onChange={setStatus}
            w={{ base: '100%', xs: 180 }}
          />
          <Select
            label={t('kb-admin.filters.category')}
            clearable
            data={(categories.data?.items ?? []).map((c) => ({
              value: c.id,
              label: categoryName(c, i18n.language),
            }))}
            value={categoryId}
            onChange={setCategoryId}
            w={{ base: '100%', xs: 220 }}
          />
          <Select
            label={t('kb-admin.filters.audience')}
            clearable
            data={kbAudiences.map((a) => ({ value: a, label: t(`kb-admin.audience.${a}`) }))}
            value={audience}
            onChange={setAudience}
            w={{ base: '100%', xs: 200 }}
          />
        </Group>
        {articles.isPending ? (
          <Skeleton h={160} />
        ) : articles.isError ? (
          <ErrorState error={articles.error} onRetry={() => articles.refetch()} />
        ) : articles.data.items.length === 0 ? (
          <StateMessage icon={<IconBook2 size={28} />} role="status" title={t('kb-admin.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped highlightOnHover data-testid="kb-admin-articles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kb-admin.fields.title')}</Table.Th>
                  <Table.Th>{t('kb-admin.filters.status')}</Table.Th>
                  <Table.Th>{t('kb-admin.filters.category')}</Table.Th>
                  <Table.Th>{t('kb-admin.fields.audiences')}</Table.Th>
                  <Table.Th>{t('kb-admin.helpful')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {articles.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/kb/${a.id}`} size="sm">
                        {a.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {a.slug} · {a.language}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[a.status]} variant="light">
                        {t(`kb-admin.status.${a.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{a.categoryId ? names.get(a.categoryId) : '—'}</Table.Td>
                    <Table.Td>{a.audiences.map((x) => t(`kb-admin.audience.${x}`)).join(', ')}</Table.Td>
                    <Table.Td>
                      👍 {a.helpfulYes} · 👎 {a.helpfulNo}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <CategoriesEditor />
      </Stack>
    </>
  );
}
