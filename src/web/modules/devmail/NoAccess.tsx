import { Button, Code, List, Stack, Text } from '@mantine/core';
import { IconHome, IconLock } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { StateMessage } from '../../ui/StatusState';

/** Shown when the dev mailbox answers 401/403: how a back-office person gets in for now. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="no-access"
      color="orange"
      icon={<IconLock size={28} />}
      title={t('devmail.noAccess.title')}
      description={t('devmail.noAccess.description')}
      actions={
        <Stack align="center" gap="md">
          <List type="ordered" size="sm" spacing={6} ta="left" maw={520} mb="sm">
            <List.Item>{t('devmail.noAccess.step1')}</List.Item>
            <List.Item>
              <Text span size="sm">
                {t('devmail.noAccess.step2')}
              </Text>{' '}
              <Code>/api/v1/auth/operator?token=…</Code>
            </List.Item>
            <List.Item>{t('devmail.noAccess.step3')}</List.Item>
          </List>
          <Button
            variant="default"
            leftSection={<IconHome size={16} />}
            renderRoot={(props) => <Link to="/" {...props} />}
          >
            {t('notFound.home')}
          </Button>
        </Stack>
      }
    />
  );
}
