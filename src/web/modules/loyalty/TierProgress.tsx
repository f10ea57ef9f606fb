import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type MyLoyalty, rub } from './api';

/** The person's tier, its accrual rate and the progress bar towards the next tier. */
export function TierProgress({ data }: { data: MyLoyalty }) {
  const { t, i18n } = useTranslation();
  const { current, next, spend } = data.tier;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(
    data.accrualBp / 10_000,
  );
  const value = next && next.minSpend > 0 ? Math.min(100, Math.round((spend / next.minSpend) * 100)) : 100;
  return (
    <Stack gap={6} data-testid="loyalty-tier">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={600}>
          {t('loyalty.tier.title')}: {current?.name ?? t('loyalty.tier.none')}
        </Text>
        {next ? (
          <Text size="sm" c="dimmed">
            {next.name}
          </Text>
        ) : null}
      </Group>
      <Progress value={value} aria-label={t('loyalty.tier.progressLabel')} size="md" />
      <Text size="sm" c="dimmed">
        {next
          ? t('loyalty.tier.toNext', { name: next.name, left: rub(next.spendLeft, i18n.language) })
          : current
            ? t('loyalty.tier.top')
            : t('loyalty.tier.rate', { percent })}
      </Text>
      {next || current ? (
        <Text size="xs" c="dimmed">
          {t('loyalty.tier.rate', { percent })}
        </Text>
      ) : null}
    </Stack>
  );
}
