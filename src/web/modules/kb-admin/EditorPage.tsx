import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Typography,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { categoryName, type KbAudience, kbAudiences } from '../kb/api';
import kbClasses from '../kb/kb.module.css';
import {
  type ArticleDraft,
  adminArticleQuery,
  adminCategoriesQuery,
  changeStatus,
  fieldErrors,
  type KbAdminArticle,
  previewBody,
  saveArticle,
} from './api';

const blank: ArticleDraft = {
  slug: '',
  categoryId: null,
  title: '',
  summary: '',
  body: '',
  language: 'ru',
  audiences: ['public'],
};

const draftOf = (a: KbAdminArticle): ArticleDraft => ({
  slug: a.slug,
  categoryId: a.categoryId,
  title: a.title,
  summary: a.summary,
  body: a.body,
  language: a.language,
  audiences: a.audiences,
});

/** Back office: write an article (Markdown with a preview), save it as a draft, publish it for audiences. */
export function EditorPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id?: string };
  const existing = useQuery({ ...adminArticleQuery(id ?? ''), enabled: Boolean(id) });
  usePageTitle(existing.data?.title ?? t('kb-admin.newArticle'));
  if (id && existing.isPending) return <Skeleton h={400} />;
  if (id && existing.isError) return <ErrorState error={existing.error} titleOrder={1} />;
  return <Editor key={id ?? 'new'} article={existing.data ?? null} />;
}

function Editor({ article }: { article: KbAdminArticle | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const categories = useQuery(adminCategoriesQuery);
  const [draft, setDraft] = useState<ArticleDraft>(article ? draftOf(article) : blank);
  const [current, setCurrent] = useState<KbAdminArticle | null>(article);
  const [tab, setTab] = useState<string | null>('write');
  const [preview, setPreview] = useState('');
  useEffect(() => {
    if (tab !== 'preview') return;
    let live = true;
    previewBody(draft.body).then(
      (r) => live && setPreview(r.bodyHtml),
      () => live && setPreview(''),
    );
    return () => {
      live = false;
    };
  }, [tab, draft.body]);

  const done = (saved: KbAdminArticle) => {
    setCurrent(saved);
    void client.invalidateQueries({ queryKey: ['kb-admin'] });
    void client.invalidateQueries({ queryKey: ['kb'] });
    if (!article) void navigate({ to: `/admin/kb/${saved.id}`, replace: true });
  };
  const save = useMutation({ mutationFn: () => saveArticle(current?.id ?? null, draft), onSuccess: done });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = await saveArticle(current?.id ?? null, draft);
      return changeStatus(saved.id, 'publish', draft.audiences);
    },
    onSuccess: done,
  });
  const status = useMutation({
    mutationFn: (verb: 'unpublish' | 'archive') => changeStatus(current?.id ?? '', verb),
    onSuccess: done,
  });
  const error = save.error ?? publish.error ?? status.error;
  const errors = fieldErrors(error);
  const set = <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) =>
    setDraft({ ...draft, [key]: value });

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/admin/kb" size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} aria-hidden="true" />
              {t('kb-admin.title')}
            </Group>
          </Anchor>
        }
        title={current ? current.title : t('kb-admin.newArticle')}
        actions={
          current ? (
            <Badge variant="light" data-testid="kb-admin-status">
              {t(`kb-admin.status.${current.status}`)}
            </Badge>
          ) : undefined
        }
      />
      <Stack gap="md" maw={960}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('kb-admin.fields.title')}
            required
            value={draft.title}
            error={errors.title}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <TextInput
            label={t('kb-admin.fields.slug')}
            description={t('kb-admin.fields.slugHint')}
            required
            value={draft.slug}
            error={errors.slug}
            onChange={(e) => set('slug', e.currentTarget.value)}
          />
          <Select
            label={t('kb-admin.filters.category')}
            clearable
            data={(categories.data?.items ?? []).map((c) => ({
              value: c.id,
              label: categoryName(c, i18n.language),
            }))}
            value={draft.categoryId}
            error={errors.categoryId}
            onChange={(v) => set('categoryId', v)}
          />
          <Select
            label={t('kb-admin.fields.language')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
            value={draft.language}
            allowDeselect={false}
            onChange={(v) => set('language', v === 'en' ? 'en' : 'ru')}
          />
        </SimpleGrid>
        <Textarea
          label={t('kb-admin.fields.summary')}
          autosize
          minRows={2}
          value={draft.summary}
          error={errors.summary}
          onChange={(e) => set('summary', e.currentTarget.value)}
        />
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List>
            <Tabs.Tab value="write">{t('kb-admin.write')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('kb-admin.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Textarea
              label={t('kb-admin.fields.body')}
              description={t('kb-admin.fields.bodyHint')}
              autosize
              minRows={10}
              value={draft.body}
              error={errors.body}
              onChange={(e) => set('body', e.currentTarget.value)}
              data-testid="kb-admin-body"
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            <Paper withBorder p="md" data-testid="kb-admin-preview">
              <Typography>
                <div
                  className={kbClasses.body}
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server's preview
                  dangerouslySetInnerHTML={{ __html: preview }}
                />
              </Typography>
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <Checkbox.Group
          label={t('kb-admin.fields.audiences')}
          value={draft.audiences}
          error={errors.audiences}
          onChange={(v) => set('audiences', v as KbAudience[])}
        >
          <Group gap="md" mt={6} wrap="wrap">
            {kbAudiences.map((a) => (
              <Checkbox key={a} value={a} label={t(`kb-admin.audience.${a}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {error instanceof ApiError && Object.keys(errors).length === 0 ? (
          <Text c="red" size="sm" role="alert">
            {error.detail ?? t('errors.generic')}
          </Text>
        ) : null}
        <Group gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
            {current?.status === 'published' ? t('kb-admin.save') : t('kb-admin.saveDraft')}
          </Button>
          <Button onClick={() => publish.mutate()} loading={publish.isPending} data-testid="kb-admin-publish">
            {t('kb-admin.publish')}
          </Button>
          {current?.status === 'published' ? (
            <Button variant="subtle" onClick={() => status.mutate('unpublish')}>
              {t('kb-admin.unpublish')}
            </Button>
          ) : null}
          {current && current.status !== 'archived' ? (
            <Button variant="subtle" color="orange" onClick={() => status.mutate('archive')}>
              {t('kb-admin.archive')}
            </Button>
          ) : null}
        </Group>
        {save.isSuccess || publish.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            {t('kb-admin.saved')}
          </Text>
        ) : null}
      </Stack>
    </>
  );
}
