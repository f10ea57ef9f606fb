import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { dateText, type LoyaltyEntry } from './api';

/** One ledger movement explained: what, why, which order, until when, and the signed points. */
export function EntryRow({ entry, linkOrders = true }: { entry: LoyaltyEntry; linkOrders?: boolean }) {
  const { t, i18n } = useTranslation();
  const plus = entry.points > 0;
  const sign = plus ? '+' : entry.points < 0 ? '−' : '';
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" py="xs" data-testid="loyalty-entry">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6}>
          <Badge variant="light" color={plus ? 'teal' : entry.kind === 'expiration' ? 'orange' : 'gray'}>
            {t(`loyalty.kinds.${entry.kind}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {dateText(entry.createdAt, i18n.language)}
          </Text>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {entry.reason}
        </Text>
        <Group gap="xs">
          {entry.orderNumber && entry.orderId && linkOrders ? (
            <Anchor
              size="xs"
              renderRoot={(props) => (
                <Link to="/orders/$orderId" params={{ orderId: entry.orderId ?? '' }} {...props} />
              )}
            >
              {t('loyalty.page.order', { number: entry.orderNumber })}
            </Anchor>
          ) : entry.orderNumber ? (
            <Text size="xs">{t('loyalty.page.order', { number: entry.orderNumber })}</Text>
          ) : null}
          {plus && entry.expiresAt ? (
            <Text size="xs" c="dimmed">
              {t('loyalty.page.validUntil', { date: dateText(entry.expiresAt, i18n.language) })}
              {entry.remaining !== null && entry.remaining !== entry.points
                ? `, ${t('loyalty.page.left', { count: entry.remaining })}`
                : ''}
            </Text>
          ) : null}
          {entry.shortfall > 0 ? (
            <Text size="xs" c="dimmed">
              {t('loyalty.page.shortfall', { count: entry.shortfall })}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <Text fw={700} c={plus ? 'teal.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {sign}
        {Math.abs(entry.points)}
      </Text>
    </Group>
  );
}
