import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconFlame, IconGift } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { dayText, myLoyaltyQuery, rub } from './api';
import { TierProgress } from './TierProgress';

const soonMs = 30 * 86_400_000;

/** The cabinet home's bonus block: balance, points expiring soon, tier and the way to the next one. */
export function HomeLoyaltyWidget() {
  const { t, i18n } = useTranslation();
  const query = useQuery(myLoyaltyQuery);
  if (query.isError) return null;
  const data = query.data;
  const soon = data?.expiring.filter((e) => new Date(e.at).getTime() - Date.now() <= soonMs) ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="home-loyalty-title"
      data-testid="home-loyalty"
    >
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <IconGift size={22} aria-hidden="true" />
          <Title order={2} size="h3" id="home-loyalty-title">
            {t('loyalty.widget.title')}
          </Title>
        </Group>
        <Button
          variant="subtle"
          size="compact-sm"
          rightSection={<IconArrowRight size={16} />}
          renderRoot={(props) => <Link to="/loyalty" {...props} />}
        >
          {t('loyalty.widget.open')}
        </Button>
      </Group>
      {!data ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('loyalty.widget.loading')}>
          <Skeleton h={32} w={160} />
          <Skeleton h={16} />
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Stack gap={4}>
            <Text fz={32} fw={700} lh={1.1} data-testid="home-loyalty-balance">
              {t('loyalty.points', { count: data.balance })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('loyalty.widget.worth', { value: rub(data.balanceValue, i18n.language) })}
            </Text>
            {soon.length > 0 ? (
              <Stack gap={2} mt={4} data-testid="home-loyalty-expiring">
                {soon.slice(0, 3).map((e) => (
                  <Group key={e.at} gap={6} wrap="nowrap">
                    <IconFlame size={16} color="var(--mantine-color-orange-7)" aria-hidden="true" />
                    <Text size="sm">
                      {t('loyalty.widget.expiring', {
                        points: t('loyalty.points', { count: e.points }),
                        date: dayText(e.at, i18n.language),
                      })}
                    </Text>
                  </Group>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" mt={4}>
                {t('loyalty.widget.noneExpiring')}
              </Text>
            )}
          </Stack>
          <TierProgress data={data} />
        </SimpleGrid>
      )}
    </Paper>
  );
}
