import { AppShell, Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageSkeleton } from '../ui/Skeletons';

/** The shell's outline while the portal settings (name, logo, colours) load. */
export function ShellSkeleton() {
  const { t } = useTranslation();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: true } }}
      padding={{ base: 'md', sm: 'lg', lg: 'xl' }}
      data-testid="shell-skeleton"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Skeleton height={34} width={34} radius="md" />
          <Skeleton height={16} width={160} radius="xl" />
          <Group ml="auto" gap={8}>
            <Skeleton height={34} width={56} radius="md" />
            <Skeleton height={34} width={34} radius="md" />
            <Skeleton height={34} circle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label={t('common.loading')}>
        <Stack gap="sm">
          <Skeleton height={10} width={90} radius="xl" />
          <Skeleton height={36} radius="md" />
          <Skeleton height={36} radius="md" />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <PageSkeleton />
      </AppShell.Main>
    </AppShell>
  );
}
