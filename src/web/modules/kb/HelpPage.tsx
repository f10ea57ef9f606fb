import { Chip, Group, Paper, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentOrgId } from '../../app/contexts';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { ArticleCards } from './ArticleCards';
import { categoryName, kbArticlesQuery, kbCategoriesQuery, kbLanguageOf } from './api';
import { KbSuggestions } from './KbSuggestions';

/** The help centre (FAQ): categories, search with highlighted snippets, and "did not find an answer?". */
export function HelpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('kb.title'));
  const org = useCurrentOrgId();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [category, setCategory] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const lang = kbLanguageOf(i18n.language);
  const categories = useQuery(kbCategoriesQuery(org, lang));
  const articles = useQuery({
    ...kbArticlesQuery({ org, q, category, lang }),
    placeholderData: keepPreviousData,
  });
  const visibleCategories = (categories.data?.items ?? []).filter((c) => c.articleCount > 0);

  return (
    <>
      <PageHeader title={t('kb.title')} description={t('kb.description')} />
      <Stack gap="md">
        <TextInput
          type="search"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          label={t('kb.search.label')}
          placeholder={t('kb.search.placeholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={200}
          data-testid="kb-search"
        />
        {visibleCategories.length > 0 ? (
          <Chip.Group multiple={false} value={category ?? ''} onChange={(v) => setCategory(v || null)}>
            <Group gap="xs" role="group" aria-label={t('kb.categories')}>
              <Chip value="" size="sm">
                {t('kb.allCategories')}
              </Chip>
              {visibleCategories.map((c) => (
                <Chip key={c.id} value={c.slug} size="sm">
                  {categoryName(c, i18n.language)} ({c.articleCount})
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        ) : null}

        <section aria-label={q ? t('kb.search.results') : t('kb.articles')}>
          {articles.isPending ? (
            <Stack gap="sm" data-testid="kb-loading">
              <Skeleton h={72} />
              <Skeleton h={72} />
              <Skeleton h={72} />
            </Stack>
          ) : articles.isError ? (
            <ErrorState error={articles.error} onRetry={() => articles.refetch()} />
          ) : articles.data.items.length === 0 ? (
            <StateMessage
              icon={<IconBook2 size={28} />}
              role="status"
              title={q ? t('kb.search.nothing', { q }) : t('kb.empty.title')}
              description={q ? t('kb.search.nothingHint') : t('kb.empty.description')}
              testId="kb-empty"
            />
          ) : (
            <ArticleCards items={articles.data.items} org={org} />
          )}
        </section>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="kb-ask-title">
          <Title order={2} size="h4" id="kb-ask-title">
            {t('kb.ask.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('kb.ask.description')}
          </Text>
          <Stack gap="sm">
            <Textarea
              label={t('kb.ask.label')}
              autosize
              minRows={3}
              maxLength={2000}
              value={question}
              onChange={(e) => setQuestion(e.currentTarget.value)}
              data-testid="kb-ask"
            />
            <KbSuggestions query={question} />
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
