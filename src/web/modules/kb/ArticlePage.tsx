import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Typography } from '@mantine/core';
import { IconArrowLeft, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useCurrentOrgId } from '../../app/contexts';
import { NotFoundPage } from '../../app/pages';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { categoryName, helpBase, kbArticleQuery, voteOnArticle } from './api';
import classes from './kb.module.css';

/** One help article with "was this helpful? yes / no". */
export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const org = useCurrentOrgId();
  const client = useQueryClient();
  const query = kbArticleQuery(slug, org);
  const article = useQuery(query);
  usePageTitle(article.data?.title ?? t('kb.title'));
  const vote = useMutation({
    mutationFn: (helpful: boolean) => voteOnArticle(slug, org, helpful),
    onSuccess: (counts) => {
      client.setQueryData(query.queryKey, (old) => (old ? { ...old, ...counts } : old));
    },
  });
  const back = (
    <Anchor component={Link} to={helpBase(org)} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        {t('kb.back')}
      </Group>
    </Anchor>
  );

  if (article.isPending) {
    return (
      <Stack gap="sm" data-testid="kb-loading">
        <Skeleton h={36} w="60%" />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (article.isError) {
    if (isApiError(article.error, 404)) return <NotFoundPage />;
    return <ErrorState error={article.error} onRetry={() => article.refetch()} titleOrder={1} />;
  }
  const a = article.data;
  const myVote = vote.data?.myVote ?? a.myVote;
  return (
    <>
      <PageHeader
        above={back}
        title={a.title}
        description={a.summary || undefined}
        actions={
          a.category ? <Badge variant="light">{categoryName(a.category, i18n.language)}</Badge> : undefined
        }
      />
      <Stack gap="lg" maw={820}>
        <Typography>
          <div
            className={classes.body}
            data-testid="kb-article-body"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server (kb.markdown.ts)
            dangerouslySetInnerHTML={{ __html: a.bodyHtml }}
          />
        </Typography>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="kb-helpful">
          <Text fw={600} id="kb-helpful" mb="xs">
            {t('kb.helpful.question')}
          </Text>
          <Group gap="sm">
            <Button
              variant={myVote === true ? 'filled' : 'default'}
              leftSection={<IconThumbUp size={16} aria-hidden="true" />}
              aria-pressed={myVote === true}
              loading={vote.isPending && vote.variables === true}
              onClick={() => vote.mutate(true)}
              data-testid="kb-helpful-yes"
            >
              {t('kb.helpful.yes')}
            </Button>
            <Button
              variant={myVote === false ? 'filled' : 'default'}
              leftSection={<IconThumbDown size={16} aria-hidden="true" />}
              aria-pressed={myVote === false}
              loading={vote.isPending && vote.variables === false}
              onClick={() => vote.mutate(false)}
              data-testid="kb-helpful-no"
            >
              {t('kb.helpful.no')}
            </Button>
          </Group>
          {myVote !== null ? (
            <Text size="sm" c="dimmed" mt="xs" role="status" data-testid="kb-helpful-thanks">
              {t('kb.helpful.thanks')}
            </Text>
          ) : null}
          {vote.isError ? (
            <Text size="sm" c="red" mt="xs" role="alert">
              {t('errors.generic')}
            </Text>
          ) : null}
        </Paper>
      </Stack>
    </>
  );
}
