import { Group, Paper, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder rows of a list while it loads. */
export function ListSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <Stack gap="lg">
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Group key={index} gap="md" wrap="nowrap">
            <Skeleton height={36} circle />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton height={12} width="55%" radius="xl" />
              <Skeleton height={10} width="35%" radius="xl" />
            </Stack>
            <Skeleton height={10} width={72} radius="xl" visibleFrom="xs" />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Placeholder of a page body (title, a wide card and a grid of cards). */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack
      gap="lg"
      role="status"
      aria-busy="true"
      aria-label={t('common.loading')}
      data-testid="page-skeleton"
    >
      <Skeleton height={28} width="40%" radius="xl" />
      <Skeleton height={12} width="65%" radius="xl" />
      <Skeleton height={140} radius="lg" />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {Array.from({ length: 3 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={index} height={150} radius="lg" />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
