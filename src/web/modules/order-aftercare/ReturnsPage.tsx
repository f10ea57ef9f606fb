import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconReceiptRefund } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { money, myReturnsQuery } from './api';

/** My return requests with their status, the manager's comment and the photos. */
export function ReturnsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  usePageTitle(t('order-aftercare.returns.title'));
  const returns = useQuery(myReturnsQuery);
  let body: React.ReactNode;
  if (returns.isPending) body = <ListSkeleton />;
  else if (returns.isError)
    body = <ErrorState error={returns.error} onRetry={() => void returns.refetch()} />;
  else if (returns.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconReceiptRefund size={28} />}
        title={t('order-aftercare.returns.empty')}
      />
    );
  else
    body = (
      <Stack>
        {returns.data.items.map((r) => (
          <Card withBorder key={r.id} data-testid="return">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600}>{r.number}</Text>
              <Badge>
                {t(`order-aftercare.returnStatus.${r.status}` as 'order-aftercare.returnStatus.requested')}
              </Badge>
            </Group>
            <Text size="sm">
              {f.dateTime(r.createdAt)} · {money(r.amount, i18n.language)} · {r.reason}
            </Text>
            <Text size="sm">{r.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ')}</Text>
            {r.managerComment ? (
              <Text size="sm" c="dimmed">
                {r.managerComment}
              </Text>
            ) : null}
            <Group gap="xs">
              {r.attachments.map((a) => (
                <Anchor key={a.id} href={a.url} size="sm">
                  {a.fileName}
                </Anchor>
              ))}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('order-aftercare.returns.title')} />
      {body}
    </>
  );
}
