import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { type Canned, desk, type Macro, priorities, type Queue, settableStatuses } from './api';

const placeholders = [
  '{{requester.name}}',
  '{{requester.firstName}}',
  '{{ticket.number}}',
  '{{ticket.subject}}',
  '{{operator.name}}',
  '{{company.name}}',
  '{{context.label}}',
];

function useSave(key: string) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; json?: unknown }) =>
      desk.save(args.method, args.path, args.json),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('support-desk.settings.saved') });
      void qc.invalidateQueries({ queryKey: ['support-desk', key] });
    },
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
}

/** Queues and their operators, topics, canned replies and macros. */
export function DeskSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('support-desk.settings.title'));
  const queues = useQuery({ queryKey: ['support-desk', 'queues'], queryFn: desk.queues });
  if (isApiError(queues.error, 401, 403)) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('support-desk.settings.title')} />
      <Tabs defaultValue="queues" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="queues">{t('support-desk.settings.queues')}</Tabs.Tab>
          <Tabs.Tab value="topics">{t('support-desk.settings.topics')}</Tabs.Tab>
          <Tabs.Tab value="canned">{t('support-desk.settings.canned')}</Tabs.Tab>
          <Tabs.Tab value="macros">{t('support-desk.settings.macros')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queues">
          {queues.isPending ? (
            <ListSkeleton />
          ) : queues.isError ? (
            <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
          ) : (
            <QueuesTab queues={queues.data.items} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="topics">
          <TopicsTab queues={queues.data?.items ?? []} />
        </Tabs.Panel>
        <Tabs.Panel value="canned">
          <CannedTab />
        </Tabs.Panel>
        <Tabs.Panel value="macros">
          <MacrosTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function QueuesTab({ queues }: { queues: Queue[] }) {
  const { t, i18n } = useTranslation();
  const operators = useQuery({ queryKey: ['support-desk', 'operators'], queryFn: desk.operators });
  const save = useSave('queues');
  const [form, setForm] = useState({ key: '', nameRu: '', nameEn: '' });
  return (
    <Stack>
      {queues.map((q) => (
        <Paper key={q.id} withBorder p="md">
          <Title order={2} size="h5">
            {i18n.language === 'en' ? q.nameEn : q.nameRu}
          </Title>
          <Group mt="xs" gap="lg">
            <Checkbox
              label={t('support-desk.settings.roundRobin')}
              checked={q.roundRobin}
              onChange={(e) =>
                save.mutate({
                  method: 'PATCH',
                  path: `queues/${q.id}`,
                  json: { roundRobin: e.currentTarget.checked },
                })
              }
            />
            <Checkbox
              label={t('support-desk.settings.active')}
              checked={q.active}
              onChange={(e) =>
                save.mutate({
                  method: 'PATCH',
                  path: `queues/${q.id}`,
                  json: { active: e.currentTarget.checked },
                })
              }
            />
          </Group>
          <MultiSelect
            mt="sm"
            label={t('support-desk.settings.members')}
            data={[
              ...(operators.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
              ...q.members
                .filter((m) => !operators.data?.items.some((o) => o.id === m.id))
                .map((m) => ({ value: m.id, label: m.name })),
            ]}
            value={q.members.map((m) => m.id)}
            onChange={(userIds) =>
              save.mutate({ method: 'PUT', path: `queues/${q.id}/members`, json: { userIds } })
            }
          />
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <TextInput
            label={t('support-desk.settings.key')}
            value={form.key}
            onChange={(e) => setForm({ ...form, key: e.currentTarget.value })}
          />
          <TextInput
            label={t('support-desk.settings.nameRu')}
            value={form.nameRu}
            onChange={(e) => setForm({ ...form, nameRu: e.currentTarget.value })}
          />
          <TextInput
            label={t('support-desk.settings.nameEn')}
            value={form.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
          />
          <Button
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              save.mutate(
                { method: 'POST', path: 'queues', json: form },
                { onSuccess: () => setForm({ key: '', nameRu: '', nameEn: '' }) },
              )
            }
          >
            {t('support-desk.settings.add')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}

function TopicsTab({ queues }: { queues: Queue[] }) {
  const { t, i18n } = useTranslation();
  const topics = useQuery({ queryKey: ['support-desk', 'topics'], queryFn: desk.topics });
  const save = useSave('topics');
  const [form, setForm] = useState({
    key: '',
    nameRu: '',
    nameEn: '',
    audiences: ['customer', 'company'],
    queueId: null as string | null,
  });
  const name = (n: { nameRu: string; nameEn: string }) => (i18n.language === 'en' ? n.nameEn : n.nameRu);
  const queueData = queues.map((q) => ({ value: q.id, label: name(q) }));
  const audienceData = (['customer', 'company', 'employee', 'supplier'] as const).map((a) => ({
    value: a,
    label: t(`support-desk.audience.${a}`),
  }));
  if (topics.isPending) return <ListSkeleton />;
  if (topics.isError) return <ErrorState error={topics.error} onRetry={() => void topics.refetch()} />;
  return (
    <Stack>
      {topics.data.items.map((topic) => (
        <Paper key={topic.id} withBorder p="md">
          <Group justify="space-between" align="flex-end">
            <Text fw={600}>{name(topic)}</Text>
            <Select
              w={260}
              label={t('support-desk.fields.queue')}
              data={queueData}
              value={topic.queueId}
              onChange={(queueId) =>
                save.mutate({ method: 'PATCH', path: `topics/${topic.id}`, json: { queueId } })
              }
            />
            <Select
              w={200}
              label={t('support-desk.fields.priority')}
              data={priorities.map((p) => ({ value: p, label: t(`support-desk.priority.${p}`) }))}
              value={topic.defaultPriority}
              onChange={(v) =>
                v &&
                save.mutate({ method: 'PATCH', path: `topics/${topic.id}`, json: { defaultPriority: v } })
              }
              allowDeselect={false}
            />
          </Group>
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <TextInput
            label={t('support-desk.settings.key')}
            value={form.key}
            onChange={(e) => setForm({ ...form, key: e.currentTarget.value })}
          />
          <TextInput
            label={t('support-desk.settings.nameRu')}
            value={form.nameRu}
            onChange={(e) => setForm({ ...form, nameRu: e.currentTarget.value })}
          />
          <TextInput
            label={t('support-desk.settings.nameEn')}
            value={form.nameEn}
            onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
          />
          <MultiSelect
            label={t('support-desk.settings.audiences')}
            data={audienceData}
            value={form.audiences}
            onChange={(audiences) => setForm({ ...form, audiences })}
          />
          <Select
            label={t('support-desk.fields.queue')}
            data={queueData}
            value={form.queueId}
            onChange={(queueId) => setForm({ ...form, queueId })}
          />
          <Button
            style={{ alignSelf: 'flex-start' }}
            onClick={() => save.mutate({ method: 'POST', path: 'topics', json: form })}
          >
            {t('support-desk.settings.add')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}

function CannedTab() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['support-desk', 'canned', ''], queryFn: () => desk.canned() });
  const save = useSave('canned');
  const [editing, setEditing] = useState<Partial<Canned> | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const showPreview = useMutation({
    mutationFn: (body: string) => desk.save<{ body: string }>('POST', 'canned/preview', { body }),
    onSuccess: (res) => setPreview(res.body),
  });
  if (list.isPending) return <ListSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack>
      {list.data.items.length === 0 && (
        <StateMessage role="status" icon={<IconInbox size={28} />} title={t('support-desk.settings.empty')} />
      )}
      {list.data.items.map((c) => (
        <Paper key={c.id} withBorder p="md">
          <Group justify="space-between">
            <Text fw={600}>{c.title}</Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setEditing(c);
                  setPreview(null);
                }}
              >
                {t('support-desk.settings.save')}
              </Button>
              <Button
                size="xs"
                color="red"
                variant="subtle"
                onClick={() => save.mutate({ method: 'DELETE', path: `canned/${c.id}` })}
              >
                {t('support-desk.settings.delete')}
              </Button>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <TextInput
            label={t('support-desk.settings.titleField')}
            value={editing?.title ?? ''}
            onChange={(e) => setEditing({ ...editing, title: e.currentTarget.value })}
          />
          <Textarea
            label={t('support-desk.settings.body')}
            description={t('support-desk.settings.placeholders', {
              list: placeholders.join(' '),
              interpolation: { escapeValue: false },
            })}
            autosize
            minRows={3}
            value={editing?.body ?? ''}
            onChange={(e) => setEditing({ ...editing, body: e.currentTarget.value })}
          />
          {preview !== null && (
            <Paper bg="var(--mantine-color-gray-light)" p="sm">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {preview}
              </Text>
            </Paper>
          )}
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!editing?.body}
              onClick={() => showPreview.mutate(editing?.body ?? '')}
            >
              {t('support-desk.settings.preview')}
            </Button>
            <Button
              onClick={() =>
                save.mutate(
                  editing?.id
                    ? {
                        method: 'PATCH',
                        path: `canned/${editing.id}`,
                        json: { title: editing.title, body: editing.body },
                      }
                    : {
                        method: 'POST',
                        path: 'canned',
                        json: { title: editing?.title, body: editing?.body },
                      },
                  { onSuccess: () => setEditing(null) },
                )
              }
            >
              {t(editing?.id ? 'support-desk.settings.save' : 'support-desk.settings.add')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function MacrosTab() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['support-desk', 'macros'], queryFn: desk.macros });
  const save = useSave('macros');
  const [form, setForm] = useState({
    name: '',
    status: null as string | null,
    priority: null as string | null,
    me: false,
    reply: '',
    note: '',
  });
  if (list.isPending) return <ListSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const actions = {
    ...(form.status ? { status: form.status } : {}),
    ...(form.priority ? { priority: form.priority } : {}),
    ...(form.me ? { assignee: 'me' } : {}),
    ...(form.reply.trim() ? { reply: form.reply } : {}),
    ...(form.note.trim() ? { note: form.note } : {}),
  };
  return (
    <Stack>
      {list.data.items.length === 0 && (
        <StateMessage role="status" icon={<IconInbox size={28} />} title={t('support-desk.settings.empty')} />
      )}
      {list.data.items.map((m: Macro) => (
        <Paper key={m.id} withBorder p="md">
          <Group justify="space-between">
            <Text fw={600}>{m.name}</Text>
            <Button
              size="xs"
              color="red"
              variant="subtle"
              onClick={() => save.mutate({ method: 'DELETE', path: `macros/${m.id}` })}
            >
              {t('support-desk.settings.delete')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {Object.entries(m.actions)
              .map(([k, v]) => `${k}: ${v}`)
              .join(' · ')}
          </Text>
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <TextInput
            label={t('support-desk.settings.titleField')}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <Select
            label={t('support-desk.fields.status')}
            placeholder={t('support-desk.settings.any')}
            data={settableStatuses.map((s) => ({ value: s, label: t(`support-desk.status.${s}`) }))}
            value={form.status}
            onChange={(status) => setForm({ ...form, status })}
            clearable
          />
          <Select
            label={t('support-desk.fields.priority')}
            placeholder={t('support-desk.settings.any')}
            data={priorities.map((p) => ({ value: p, label: t(`support-desk.priority.${p}`) }))}
            value={form.priority}
            onChange={(priority) => setForm({ ...form, priority })}
            clearable
          />
          <Checkbox
            label={t('support-desk.settings.macroAssignMe')}
            checked={form.me}
            onChange={(e) => setForm({ ...form, me: e.currentTarget.checked })}
          />
          <Textarea
            label={t('support-desk.settings.macroReply')}
            autosize
            minRows={2}
            value={form.reply}
            onChange={(e) => setForm({ ...form, reply: e.currentTarget.value })}
          />
          <Textarea
            label={t('support-desk.settings.macroNote')}
            autosize
            minRows={2}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
          />
          <Button
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              save.mutate({ method: 'POST', path: 'macros', json: { name: form.name, actions } })
            }
          >
            {t('support-desk.settings.add')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
