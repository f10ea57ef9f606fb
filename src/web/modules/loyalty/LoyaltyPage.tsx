import { Button, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFlame, IconGift } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { dayText, myHistoryQuery, myLoyaltyQuery, rub } from './api';
import { BirthdaySection } from './BirthdaySection';
import { EntryRow } from './EntryRow';
import { TierProgress } from './TierProgress';

/** `/loyalty`: the balance, the expiry schedule («сроки сгорания»), the tier and every movement explained. */
export function LoyaltyPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('loyalty.page.title'));
  const summary = useQuery(myLoyaltyQuery);
  const history = useInfiniteQuery(myHistoryQuery);
  const share = new Intl.NumberFormat(i18n.language, { style: 'percent' });

  let top: React.ReactNode;
  if (summary.isPending) top = <ListSkeleton rows={3} />;
  else if (summary.isError) top = <ErrorState error={summary.error} onRetry={() => summary.refetch()} />;
  else {
    const data = summary.data;
    top = (
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="loyalty-balance-title">
          <Title order={2} size="h4" id="loyalty-balance-title">
            {t('loyalty.page.balance')}
          </Title>
          <Text fz={36} fw={700} data-testid="loyalty-balance">
            {t('loyalty.points', { count: data.balance })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('loyalty.widget.worth', { value: rub(data.balanceValue, i18n.language) })}
          </Text>
          <Text size="xs" c="dimmed" mt="xs">
            {t('loyalty.page.balanceWorth', {
              value: rub(data.pointValue, i18n.language),
              share: share.format(data.maxShareBp / 10_000),
            })}
          </Text>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="loyalty-schedule-title">
          <Title order={2} size="h4" id="loyalty-schedule-title" mb="xs">
            {t('loyalty.page.schedule')}
          </Title>
          {data.expiring.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('loyalty.page.scheduleEmpty')}
            </Text>
          ) : (
            <Stack
              gap={6}
              component="ul"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
              data-testid="loyalty-schedule"
            >
              {data.expiring.map((e) => (
                <Group key={e.at} component="li" justify="space-between" wrap="nowrap">
                  <Group gap={6} wrap="nowrap">
                    <IconFlame size={16} color="var(--mantine-color-orange-7)" aria-hidden="true" />
                    <Text size="sm">{t('loyalty.page.burnsOn', { date: dayText(e.at, i18n.language) })}</Text>
                  </Group>
                  <Text size="sm" fw={600}>
                    {t('loyalty.points', { count: e.points })}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('loyalty.tier.title')}>
          <TierProgress data={data} />
        </Paper>
        <BirthdaySection birthDate={data.birthDate} />
      </SimpleGrid>
    );
  }

  let list: React.ReactNode;
  if (history.isPending) list = <ListSkeleton />;
  else if (history.isError) list = <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  else {
    const items = history.data.pages.flatMap((p) => p.items);
    list =
      items.length === 0 ? (
        <StateMessage
          role="status"
          icon={<IconGift size={28} />}
          title={t('loyalty.page.historyEmpty')}
          titleOrder={3}
        />
      ) : (
        <Paper withBorder px="md" py="xs">
          <Stack gap={0} data-testid="loyalty-history">
            {items.map((e, i) => (
              <div key={e.id}>
                {i > 0 ? <Divider /> : null}
                <EntryRow entry={e} />
              </div>
            ))}
          </Stack>
          {history.hasNextPage ? (
            <Group justify="center" py="sm">
              <Button
                variant="default"
                loading={history.isFetchingNextPage}
                onClick={() => history.fetchNextPage()}
              >
                {t('loyalty.page.more')}
              </Button>
            </Group>
          ) : null}
        </Paper>
      );
  }

  return (
    <Stack gap="lg" data-testid="loyalty-page">
      <PageHeader title={t('loyalty.page.title')} description={t('loyalty.page.description')} />
      {top}
      <Stack gap="xs" component="section" aria-labelledby="loyalty-history-title">
        <Title order={2} size="h3" id="loyalty-history-title">
          {t('loyalty.page.history')}
        </Title>
        {list}
      </Stack>
    </Stack>
  );
}
