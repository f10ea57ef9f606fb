import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  FileButton,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChecks, IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useFormat } from '../../ui/format';
import { ListSkeleton } from '../../ui/Skeletons';
import {
  acceptedFiles,
  type ChatMessage,
  type ConversationDetail,
  chatBase,
  maxFileBytes,
  messagesPage,
  type Side,
  type SocketEvent,
  sendFile,
  useChatSocket,
} from './api';

const typingShownMs = 4000;

function merge(list: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * One conversation, live: history loads upward, new messages, typing and read receipts arrive over the
 * socket, and after a reconnect the thread asks for the messages after the last one it has.
 */
export function ChatThread({ side, conversation }: { side: Side; conversation: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const base = `${chatBase(side)}/conversations/${conversation.id}`;
  const otherSide: Side = side === 'staff' ? 'customer' : 'staff';
  const [messages, setMessages] = useState<ChatMessage[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [otherRead, setOtherRead] = useState(conversation.read[otherSide]);
  const [typing, setTyping] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const lastId = useRef(0);
  const lastRead = useRef(0);
  const lastTyping = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const viewport = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const add = useCallback((more: ChatMessage[]) => {
    setMessages((list) => {
      const merged = merge(list ?? [], more);
      lastId.current = merged.at(-1)?.id ?? 0;
      return merged;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    messagesPage(side, conversation.id, {}).then(
      (page) => {
        if (cancelled) return;
        setHasMore(page.hasMore);
        add(page.items);
      },
      () => !cancelled && setMessages([]),
    );
    return () => {
      cancelled = true;
    };
  }, [side, conversation.id, add]);

  const onEvent = (event: SocketEvent) => {
    if (!('conversationId' in event) || event.conversationId !== conversation.id) return;
    if (event.type === 'message') {
      stickToBottom.current = true;
      add([event.message]);
      if (event.message.side === otherSide) setTyping(null);
      void client.invalidateQueries({ queryKey: ['chat'] });
    } else if (event.type === 'typing' && event.side === otherSide) {
      setTyping(event.name);
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setTyping(null), typingShownMs);
    } else if (event.type === 'read' && event.side === otherSide) {
      setOtherRead((current) => Math.max(current, event.messageId));
    }
  };
  // After every (re)connection: whatever arrived while the socket was down.
  const onConnected = () => {
    if (lastId.current > 0)
      void messagesPage(side, conversation.id, { after: lastId.current }).then((page) => add(page.items));
  };
  const socket = useChatSocket(onEvent, onConnected);

  // Reading: the newest message of the other side, while the page is visible.
  useEffect(() => {
    const newest = [...(messages ?? [])].reverse().find((m) => m.side === otherSide);
    if (!newest || newest.id <= lastRead.current || document.visibilityState === 'hidden') return;
    lastRead.current = newest.id;
    void api(`${base}/read`, { method: 'POST', json: { messageId: newest.id } }).then(() =>
      client.invalidateQueries({ queryKey: ['chat'] }),
    );
  }, [messages, otherSide, base, client]);

  useEffect(() => {
    const el = viewport.current;
    if (el && stickToBottom.current && messages) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const loadOlder = async () => {
    const first = messages?.[0];
    if (!first) return;
    setLoadingOlder(true);
    stickToBottom.current = false;
    try {
      const page = await messagesPage(side, conversation.id, { before: first.id });
      setHasMore(page.hasMore);
      add(page.items);
    } finally {
      setLoadingOlder(false);
    }
  };

  const onType = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value && now - lastTyping.current > 2000) {
      lastTyping.current = now;
      socket.send({ type: 'typing', conversationId: conversation.id });
    }
  };

  const submit = async () => {
    const body = text.trim();
    if (!body && !file) return;
    setSending(true);
    try {
      const sent = file
        ? await sendFile(side, conversation.id, file, body)
        : await api<ChatMessage>(`${base}/messages`, { method: 'POST', json: { text: body } });
      stickToBottom.current = true;
      add([sent]);
      setText('');
      setFile(null);
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setSending(false);
    }
  };

  const pickFile = (picked: File | null) => {
    if (picked && picked.size > maxFileBytes) {
      notifications.show({ color: 'red', message: t('chat.fileTooBig') });
      return;
    }
    setFile(picked);
  };

  const dayOf = (iso: string) => new Date(iso).toDateString();
  const stateColor = { online: 'teal', connecting: 'yellow', offline: 'red' }[socket.state];

  return (
    <Paper withBorder p={0} style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Group justify="space-between" px="sm" py={6} wrap="nowrap">
        <Text fw={600} truncate data-testid="chat-title">
          {conversation.title}
        </Text>
        <Badge variant="dot" color={stateColor} data-testid="chat-connection" data-state={socket.state}>
          {t(`chat.connection.${socket.state}`)}
        </Badge>
      </Group>
      <Divider />
      <ScrollArea h="min(60vh, 560px)" viewportRef={viewport} type="auto" px="sm">
        {messages === null ? (
          <ListSkeleton />
        ) : (
          <Stack
            gap={6}
            py="sm"
            component="ol"
            aria-label={t('chat.messages')}
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {hasMore ? (
              <Group justify="center" component="li">
                <Button variant="subtle" size="xs" loading={loadingOlder} onClick={() => void loadOlder()}>
                  {t('chat.older')}
                </Button>
              </Group>
            ) : null}
            {messages.length === 0 ? (
              <Text component="li" c="dimmed" ta="center" py="lg" data-testid="chat-empty">
                {t(side === 'staff' ? 'chat.emptyStaff' : 'chat.empty')}
              </Text>
            ) : null}
            {messages.map((m, i) => {
              const mine = m.side === side;
              const newDay = i === 0 || dayOf(messages[i - 1]?.createdAt ?? '') !== dayOf(m.createdAt);
              const read = mine && otherRead >= m.id;
              return (
                <Box component="li" key={m.id}>
                  {newDay ? (
                    <Divider my={4} label={format.longDate(m.createdAt)} labelPosition="center" />
                  ) : null}
                  <Group justify={mine ? 'flex-end' : 'flex-start'}>
                    <Paper
                      p="xs"
                      radius="md"
                      maw="85%"
                      bg={mine ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
                      data-testid="chat-message"
                      data-side={m.side}
                    >
                      {!mine ? (
                        <Text size="xs" fw={600}>
                          {m.authorName}
                        </Text>
                      ) : null}
                      {m.text ? (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          {m.text}
                        </Text>
                      ) : null}
                      {m.attachment ? (
                        <Anchor href={m.attachment.url} size="sm" download={m.attachment.name}>
                          📎 {m.attachment.name} ({Math.ceil(m.attachment.size / 1024)} {t('chat.kb')})
                        </Anchor>
                      ) : null}
                      <Group gap={4} justify="flex-end">
                        <Text size="xs" c="dimmed">
                          {new Date(m.createdAt).toLocaleTimeString(i18n.language, {
                            hour: '2-digit',
                            minute: '2-digit',
                          })}
                        </Text>
                        {mine ? (
                          <span
                            role="img"
                            aria-label={t(read ? 'chat.read' : 'chat.delivered')}
                            data-testid="chat-receipt"
                            data-read={read}
                          >
                            {read ? (
                              <IconChecks size={14} aria-hidden="true" />
                            ) : (
                              <IconCheck size={14} aria-hidden="true" />
                            )}
                          </span>
                        ) : null}
                      </Group>
                    </Paper>
                  </Group>
                </Box>
              );
            })}
          </Stack>
        )}
      </ScrollArea>
      <Text size="xs" c="dimmed" px="sm" h={18} aria-live="polite" data-testid="chat-typing">
        {typing ? t(side === 'staff' ? 'chat.typingCustomer' : 'chat.typingStaff', { name: typing }) : ''}
      </Text>
      <Divider />
      <Stack gap={4} p="xs">
        {file ? (
          <Group gap={4}>
            <Text size="sm" truncate>
              📎 {file.name}
            </Text>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('chat.removeFile')}
              onClick={() => setFile(null)}
            >
              <IconX size={14} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ) : null}
        <Group gap={6} wrap="nowrap" align="flex-end">
          <FileButton onChange={pickFile} accept={acceptedFiles}>
            {(props) => (
              <ActionIcon {...props} variant="default" size="lg" aria-label={t('chat.attach')}>
                <IconPaperclip size={18} aria-hidden="true" />
              </ActionIcon>
            )}
          </FileButton>
          <Textarea
            style={{ flex: 1 }}
            autosize
            minRows={1}
            maxRows={5}
            maxLength={4000}
            aria-label={t('chat.composer')}
            placeholder={t('chat.placeholder')}
            value={text}
            onChange={(e) => onType(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void submit();
              }
            }}
            data-testid="chat-input"
          />
          <ActionIcon
            size="lg"
            aria-label={t('chat.send')}
            loading={sending}
            disabled={!text.trim() && !file}
            onClick={() => void submit()}
            data-testid="chat-send"
          >
            <IconSend size={18} aria-hidden="true" />
          </ActionIcon>
        </Group>
      </Stack>
    </Paper>
  );
}
