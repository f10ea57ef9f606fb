import {
  Button,
  Group,
  Menu,
  Paper,
  Popover,
  ScrollArea,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, settableStatuses, type TicketDetail } from './api';

type Tab = 'reply' | 'note';

/** Reply or internal note, with canned replies, macros and the status the request is left in. */
export function Composer({ ticket, onDone }: { ticket: TicketDetail; onDone: (t: TicketDetail) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('reply');
  const [text, setText] = useState('');
  const [cannedId, setCannedId] = useState<string | undefined>();
  const [status, setStatus] = useState<string>('pending');
  const fail = (e: Error) => notifications.show({ color: 'red', message: e.message });
  const send = useMutation({
    mutationFn: () =>
      tab === 'reply'
        ? desk.reply(ticket.id, { body: text, status, ...(cannedId ? { cannedReplyId: cannedId } : {}) })
        : desk.note(ticket.id, text),
    onSuccess: (res) => {
      setText('');
      setCannedId(undefined);
      notifications.show({
        color: 'green',
        message: t(tab === 'reply' ? 'support-desk.composer.sent' : 'support-desk.composer.noted'),
      });
      onDone(res.ticket);
    },
    onError: fail,
  });
  const macros = useQuery({ queryKey: ['support-desk', 'macros'], queryFn: desk.macros });
  const apply = useMutation({
    mutationFn: (macroId: string) => desk.applyMacro(ticket.id, macroId),
    onSuccess: (next) => {
      notifications.show({ color: 'green', message: t('support-desk.composer.macroApplied') });
      onDone(next);
    },
    onError: fail,
  });

  return (
    <Paper withBorder p="md">
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="reply">{t('support-desk.composer.reply')}</Tabs.Tab>
          <Tabs.Tab value="note">{t('support-desk.composer.note')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Stack gap="sm">
        <Textarea
          label={t(tab === 'reply' ? 'support-desk.composer.replyLabel' : 'support-desk.composer.noteLabel')}
          autosize
          minRows={4}
          maxRows={14}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={tab === 'note' ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined}
        />
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="xs">
            {tab === 'reply' && (
              <CannedPicker
                ticketId={ticket.id}
                onPick={(id, body) => {
                  setCannedId(id);
                  setText((prev) => (prev.trim() ? `${prev}\n\n${body}` : body));
                }}
              />
            )}
            <Menu position="bottom-start">
              <Menu.Target>
                <Button
                  variant="default"
                  size="sm"
                  leftSection={<IconBolt size={16} />}
                  loading={apply.isPending}
                >
                  {t('support-desk.composer.macros')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(macros.data?.items ?? []).map((m) => (
                  <Menu.Item key={m.id} onClick={() => apply.mutate(m.id)}>
                    {m.name}
                  </Menu.Item>
                ))}
                {macros.data?.items.length === 0 && (
                  <Menu.Label>{t('support-desk.settings.empty')}</Menu.Label>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
          <Group gap="xs" align="flex-end">
            {tab === 'reply' && (
              <Select
                w={220}
                label={t('support-desk.composer.statusAfter')}
                data={settableStatuses.map((s) => ({ value: s, label: t(`support-desk.status.${s}`) }))}
                value={status}
                onChange={(v) => v && setStatus(v)}
                allowDeselect={false}
              />
            )}
            <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!text.trim()}>
              {t(tab === 'reply' ? 'support-desk.composer.send' : 'support-desk.composer.addNote')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function CannedPicker({
  ticketId,
  onPick,
}: {
  ticketId: string;
  onPick: (id: string, body: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['support-desk', 'canned', q],
    queryFn: () => desk.canned(q || undefined),
    enabled: open,
  });
  const pick = useMutation({
    mutationFn: (id: string) => desk.render(ticketId, id),
    onSuccess: (res, id) => {
      onPick(id, res.body);
      setOpen(false);
    },
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  return (
    <Popover opened={open} onChange={setOpen} width={320} position="bottom-start" trapFocus>
      <Popover.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconTemplate size={16} />}
          onClick={() => setOpen((o) => !o)}
        >
          {t('support-desk.composer.canned')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <TextInput
          aria-label={t('support-desk.composer.cannedSearch')}
          placeholder={t('support-desk.composer.cannedSearch')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          mb="xs"
        />
        <ScrollArea.Autosize mah={260}>
          <Stack gap={4}>
            {(list.data?.items ?? []).map((c) => (
              <UnstyledButton key={c.id} onClick={() => pick.mutate(c.id)} p={6} data-testid="canned-item">
                <Text size="sm" fw={600}>
                  {c.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {c.body}
                </Text>
              </UnstyledButton>
            ))}
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('support-desk.composer.cannedEmpty')}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
