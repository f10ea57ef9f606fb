import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketContext } from '../../../shared/support';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';
import { KbSuggestions } from '../kb/KbSuggestions';
import { sendWithFiles } from '../order-aftercare/api';
import {
  acceptedFiles,
  apiBase,
  listKey,
  maxFiles,
  pageBase,
  rejectedFiles,
  scopeOf,
  type Ticket,
  topicsQuery,
} from './api';
import { type ContextSearch, contextFrom } from './context-search';

/** The problem of a failed request as one line for the form. */
export const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? (error.detail ?? error.errors[0]?.message ?? fallback) : fallback;

/** A new request: topic, subject, text, files, and the context the person came from as a chip. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const scope = scopeOf(orgId);
  const search = useSearch({ strict: false }) as ContextSearch;
  const [context, setContext] = useState<TicketContext | null>(() => contextFrom(search));
  const topics = useQuery(topicsQuery(scope));
  const [topicId, setTopicId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  usePageTitle(t('support.newTitle'));
  const preferred = search.topic ?? (context?.kind === 'order' ? 'order' : undefined);
  const chosen = topicId ?? topics.data?.items.find((x) => x.key === preferred)?.id ?? null;
  const refused = rejectedFiles(files);
  const create = useMutation({
    mutationFn: () =>
      sendWithFiles<Ticket>(
        `${apiBase(scope)}/tickets`,
        { subject: subject.trim(), topicId: chosen, body: body.trim(), ...(context ? { context } : {}) },
        'files',
        files,
      ),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: listKey(scope) });
      void navigate({ to: `${pageBase(scope)}/${created.id}` });
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!chosen || subject.trim().length < 3 || !body.trim() || refused.length > 0 || files.length > maxFiles)
      return;
    create.mutate();
  };
  return (
    <Stack gap={0} maw={720}>
      <PageHeader
        title={t('support.newTitle')}
        description={t('support.newDescription')}
        above={
          <Anchor size="sm" component={Link} to={pageBase(scope)}>
            {t('support.back')}
          </Anchor>
        }
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {context ? (
            <Group gap="xs" data-testid="request-context">
              <Badge
                variant="light"
                size="lg"
                style={{ textTransform: 'none', maxWidth: '100%' }}
                rightSection={
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => setContext(null)}
                    aria-label={t('support.removeContext')}
                  >
                    ×
                  </Button>
                }
              >
                {t(`support.context.${context.kind}`, { label: context.label })}
              </Badge>
            </Group>
          ) : null}
          <Select
            label={t('support.form.topic')}
            required
            data={(topics.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={chosen}
            onChange={setTopicId}
            allowDeselect={false}
            disabled={topics.isPending}
            error={tried && !chosen ? t('support.form.topicRequired') : undefined}
            data-testid="request-topic"
          />
          <TextInput
            label={t('support.form.subject')}
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={tried && subject.trim().length < 3 ? t('support.form.subjectRequired') : undefined}
            data-testid="request-subject"
          />
          <Textarea
            label={t('support.form.body')}
            required
            autosize
            minRows={5}
            maxLength={10_000}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={tried && !body.trim() ? t('support.form.bodyRequired') : undefined}
            data-testid="request-body"
          />
          {/* Articles that may already answer the question, while the person types. */}
          <KbSuggestions query={`${subject} ${body}`} />
          <FileInput
            label={t('support.form.files')}
            description={t('support.form.filesHint')}
            multiple
            clearable
            accept={acceptedFiles}
            leftSection={<IconPaperclip size={16} aria-hidden="true" />}
            value={files}
            onChange={setFiles}
            error={
              refused.length > 0
                ? t('support.form.filesRefused', { names: refused.join(', ') })
                : files.length > maxFiles
                  ? t('support.form.tooManyFiles', { max: maxFiles })
                  : undefined
            }
          />
          {create.isError ? (
            <Alert color="red" role="alert">
              {problemText(create.error, t('support.form.failed'))}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="request-submit">
              {t('support.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
