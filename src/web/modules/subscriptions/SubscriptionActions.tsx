import { Button, Group, Menu, Popover, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay, IconPlayerSkipForward, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { act, inDays, type Subscription } from './api';

/** Skip, pause (until a date or indefinitely), resume and cancel, for one subscription. */
export function SubscriptionActions({ sub }: { sub: Subscription }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [until, setUntil] = useState(inDays(30));
  const run = useMutation({
    mutationFn: ({ action, json }: { action: 'skip' | 'resume' | 'cancel' | 'pause'; json?: object }) =>
      act(sub.id, action, json),
    onSuccess: () => client.invalidateQueries({ queryKey: ['subscriptions'] }),
    onError: (error) =>
      notifications.show({ color: 'red', message: isApiError(error) ? error.message : String(error) }),
  });
  if (sub.status === 'canceled') return null;
  return (
    <Group gap="xs" wrap="wrap">
      {sub.status === 'active' ? (
        <>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlayerSkipForward size={14} aria-hidden="true" />}
            loading={run.isPending && run.variables?.action === 'skip'}
            onClick={() => run.mutate({ action: 'skip' })}
          >
            {t('subscriptions.skip')}
          </Button>
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPlayerPause size={14} aria-hidden="true" />}
              >
                {t('subscriptions.pause')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => run.mutate({ action: 'pause', json: { until: null } })}>
                {t('subscriptions.pauseForever')}
              </Menu.Item>
              <Popover position="bottom" withinPortal trapFocus>
                <Popover.Target>
                  <Menu.Item closeMenuOnClick={false}>{t('subscriptions.pauseUntil')}…</Menu.Item>
                </Popover.Target>
                <Popover.Dropdown>
                  <Stack gap="xs">
                    <TextInput
                      type="date"
                      label={t('subscriptions.pauseUntil')}
                      value={until}
                      min={inDays(1)}
                      onChange={(e) => setUntil(e.currentTarget.value)}
                    />
                    <Button size="xs" onClick={() => run.mutate({ action: 'pause', json: { until } })}>
                      {t('subscriptions.pause')}
                    </Button>
                  </Stack>
                </Popover.Dropdown>
              </Popover>
            </Menu.Dropdown>
          </Menu>
        </>
      ) : (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlayerPlay size={14} aria-hidden="true" />}
          loading={run.isPending && run.variables?.action === 'resume'}
          onClick={() => run.mutate({ action: 'resume' })}
        >
          {t('subscriptions.resume')}
        </Button>
      )}
      <Button
        size="xs"
        variant="subtle"
        color="red"
        leftSection={<IconX size={14} aria-hidden="true" />}
        onClick={() => {
          if (window.confirm(t('subscriptions.cancelConfirm', { name: sub.title })))
            run.mutate({ action: 'cancel' });
        }}
      >
        {t('subscriptions.cancel')}
      </Button>
    </Group>
  );
}
