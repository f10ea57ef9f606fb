import { BarChart } from '@mantine/charts';
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { type ReportPeriod, reportQuery, reportXlsxUrl, rub } from './api';

function ChartCard({ title, label, children }: { title: string; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section">
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <div role="img" aria-label={label}>
        {children}
      </div>
    </Paper>
  );
}

const columns = ['issued', 'spent', 'returned', 'takenBack', 'expired', 'adjusted'] as const;

/** Loyalty reports: points by month, liability, tier distribution, and the XLSX export. */
export function ReportsSection() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<ReportPeriod>({});
  const query = useQuery(reportQuery(period));
  const number = new Intl.NumberFormat(i18n.language);
  let body: ReactNode;
  if (query.isPending) body = <ListSkeleton />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  else {
    const report = query.data;
    const series = [
      { name: 'issued', label: t('loyalty.admin.reports.issued'), color: 'teal.6' },
      { name: 'spent', label: t('loyalty.admin.reports.spent'), color: 'blue.6' },
      { name: 'expired', label: t('loyalty.admin.reports.expired'), color: 'orange.6' },
    ];
    const tiers = report.tiers.map((x) => ({
      tier: x.tierCode ?? t('loyalty.admin.reports.noTier'),
      accounts: x.accounts,
    }));
    body = (
      <Stack gap="md">
        <Paper withBorder p="md" data-testid="loyalty-liability">
          <Text fw={600}>{t('loyalty.admin.reports.liability')}</Text>
          <Text fz="xl" fw={700}>
            {t('loyalty.admin.reports.liabilityText', {
              points: t('loyalty.points', { count: report.liability.points }),
              value: rub(report.liability.kopecks, i18n.language),
            })}
          </Text>
        </Paper>
        {report.months.length === 0 ? (
          <StateMessage
            role="status"
            icon={<IconDownload size={28} />}
            title={t('loyalty.admin.reports.empty')}
            titleOrder={3}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ChartCard
              title={t('loyalty.admin.reports.byMonth')}
              label={t('loyalty.admin.reports.byMonthLabel')}
            >
              <BarChart
                h={240}
                data={report.months}
                dataKey="month"
                series={series}
                withLegend
                tickLine="y"
              />
            </ChartCard>
            <ChartCard title={t('loyalty.admin.reports.tiers')} label={t('loyalty.admin.reports.tiersLabel')}>
              <BarChart
                h={240}
                data={tiers}
                dataKey="tier"
                series={[{ name: 'accounts', label: t('loyalty.admin.reports.tiers'), color: 'grape.6' }]}
              />
            </ChartCard>
          </SimpleGrid>
        )}
        {report.months.length > 0 ? (
          <Table.ScrollContainer
            minWidth={560}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={t('loyalty.admin.reports.byMonth')}
          >
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('loyalty.admin.reports.month')}</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c} style={{ textAlign: 'right' }}>
                      {t(`loyalty.admin.reports.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{m.month}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c} style={{ textAlign: 'right' }}>
                        {number.format(m[c])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('loyalty.admin.reports.from')}
          value={period.from ?? ''}
          onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('loyalty.admin.reports.to')}
          value={period.to ?? ''}
          onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value || undefined })}
        />
        <Button
          component="a"
          href={reportXlsxUrl(period, i18n.language)}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('loyalty.admin.reports.xlsx')}
        </Button>
      </Group>
      {body}
    </Stack>
  );
}
