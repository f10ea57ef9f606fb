import { BarChart } from '@mantine/charts';
import {
  Button,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconChartBar, IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { filtersQuery, type ReportParams, reportQuery, type SupportReport, xlsxUrl } from './api';

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const moscowToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

/** The period is valid as the server checks it: to ≥ from and at most 366 days. */
function validPeriod(from: string, to: string) {
  if (!from || !to || to < from) return false;
  return (Date.parse(to) - Date.parse(from)) / dayMs + 1 <= 366;
}

function useFigures() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return {
    duration: (minutes: number | null) => {
      if (minutes === null) return t('support-reports.noValue');
      if (minutes < 120) return t('support-reports.minutes', { value: number.format(minutes) });
      return t('support-reports.hours', { value: number.format(Math.round(minutes / 6) / 10) });
    },
    share: (v: number | null) => (v === null ? t('support-reports.noValue') : percent.format(v)),
    number: (v: number | null) => (v === null ? t('support-reports.noValue') : number.format(v)),
  };
}

function Kpi({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function ChartCard({ title, label, children }: { title: string; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <div role="img" aria-label={label}>
        {children}
      </div>
    </Paper>
  );
}

function Charts({ report }: { report: SupportReport }) {
  const { t, i18n } = useTranslation();
  const short = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const days = report.byDay.map((d) => ({ ...d, label: short.format(new Date(`${d.date}T00:00:00Z`)) }));
  const topics = report.byTopic.map((x) => ({
    topic: (i18n.language === 'en' ? x.nameEn : x.nameRu) ?? t('support-reports.charts.noTopic'),
    created: x.created,
    resolved: x.resolved,
  }));
  const sla = [
    {
      what: t('support-reports.charts.firstResponse'),
      share: Math.round((report.firstResponse.withinSlaShare ?? 0) * 1000) / 10,
    },
    {
      what: t('support-reports.charts.resolution'),
      share: Math.round((report.resolution.withinSlaShare ?? 0) * 1000) / 10,
    },
  ];
  const series = [
    { name: 'created', label: t('support-reports.charts.created'), color: 'blue.6' },
    { name: 'resolved', label: t('support-reports.charts.resolved'), color: 'teal.6' },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartCard title={t('support-reports.charts.byDay')} label={t('support-reports.charts.byDayLabel')}>
        <BarChart h={220} data={days} dataKey="label" series={series} withLegend tickLine="y" />
      </ChartCard>
      <ChartCard title={t('support-reports.charts.byTopic')} label={t('support-reports.charts.byTopicLabel')}>
        <BarChart
          h={Math.max(160, topics.length * 44)}
          data={topics}
          dataKey="topic"
          orientation="vertical"
          series={series}
          yAxisProps={{ width: 110 }}
        />
      </ChartCard>
      <ChartCard title={t('support-reports.charts.sla')} label={t('support-reports.charts.slaLabel')}>
        <BarChart
          h={180}
          data={sla}
          dataKey="what"
          series={[{ name: 'share', label: t('support-reports.charts.withinShare'), color: 'grape.6' }]}
          yAxisProps={{ domain: [0, 100] }}
          unit="%"
        />
      </ChartCard>
      <ChartCard title={t('support-reports.charts.csat')} label={t('support-reports.charts.csatLabel')}>
        <BarChart
          h={180}
          data={report.csat.distribution.map((d) => ({ rating: String(d.rating), count: d.count }))}
          dataKey="rating"
          series={[{ name: 'count', label: t('support-reports.charts.ratings'), color: 'yellow.6' }]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function Operators({ report }: { report: SupportReport }) {
  const { t } = useTranslation();
  const f = useFigures();
  return (
    <Paper withBorder p="sm" component="section" data-testid="report-operators">
      <Title order={2} size="h4" mb="xs">
        {t('support-reports.operators.title')}
      </Title>
      {report.operators.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('support-reports.operators.empty')}
        </Text>
      ) : (
        // A native, focusable scroll box: on a phone the table scrolls sideways and keyboards must reach it.
        <Table.ScrollContainer
          minWidth={560}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={t('support-reports.operators.title')}
        >
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('support-reports.operators.name')}</Table.Th>
                <Table.Th ta="right">{t('support-reports.operators.assigned')}</Table.Th>
                <Table.Th ta="right">{t('support-reports.operators.responded')}</Table.Th>
                <Table.Th ta="right">{t('support-reports.operators.resolved')}</Table.Th>
                <Table.Th ta="right">{t('support-reports.operators.median')}</Table.Th>
                <Table.Th ta="right">{t('support-reports.operators.csat')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.operators.map((o) => (
                <Table.Tr key={o.operatorId}>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td ta="right">{o.assigned}</Table.Td>
                  <Table.Td ta="right">{o.responded}</Table.Td>
                  <Table.Td ta="right">{o.resolved}</Table.Td>
                  <Table.Td ta="right">{f.duration(o.medianFirstResponseMinutes)}</Table.Td>
                  <Table.Td ta="right">
                    {f.number(o.csatAverage)} {o.csatCount ? `(${o.csatCount})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Report({ report }: { report: SupportReport }) {
  const { t } = useTranslation();
  const f = useFigures();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Kpi
          testId="kpi-created"
          label={t('support-reports.kpi.created')}
          value={f.number(report.totals.created)}
        />
        <Kpi
          testId="kpi-resolved"
          label={t('support-reports.kpi.resolved')}
          value={f.number(report.totals.resolved)}
        />
        <Kpi
          testId="kpi-open"
          label={t('support-reports.kpi.openNow')}
          value={f.number(report.totals.openNow)}
        />
        <Kpi
          testId="kpi-first-response"
          label={t('support-reports.kpi.firstResponse')}
          value={f.duration(report.firstResponse.medianMinutes)}
          hint={
            <>
              {t('support-reports.kpi.firstResponseP90', {
                value: f.duration(report.firstResponse.p90Minutes),
              })}
              <br />
              {t('support-reports.kpi.withinSla', { value: f.share(report.firstResponse.withinSlaShare) })}
            </>
          }
        />
        <Kpi
          testId="kpi-resolution"
          label={t('support-reports.kpi.resolution')}
          value={f.duration(report.resolution.medianMinutes)}
          hint={
            <>
              {t('support-reports.kpi.withinSla', { value: f.share(report.resolution.withinSlaShare) })}
              <br />
              {t('support-reports.kpi.breached', { count: report.totals.resolutionBreached })}
            </>
          }
        />
        <Kpi
          testId="kpi-csat"
          label={t('support-reports.kpi.csat')}
          value={f.number(report.csat.average)}
          hint={t('support-reports.kpi.csatHint', {
            count: report.csat.count,
            share: f.share(report.csat.satisfiedShare),
          })}
        />
      </SimpleGrid>
      {report.totals.created === 0 ? (
        <StateMessage
          testId="report-empty"
          role="status"
          icon={<IconChartBar size={28} />}
          title={t('support-reports.empty')}
          description={t('support-reports.emptyHint')}
        />
      ) : (
        <>
          <Charts report={report} />
          <Operators report={report} />
        </>
      )}
    </Stack>
  );
}

function ReportSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" data-testid="report-loading">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={72} />
        ))}
      </SimpleGrid>
      <Skeleton h={240} />
    </Stack>
  );
}

/** Back office: `/admin/support/reports` (support.manage). */
export function SupportReportsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('support-reports.title'));
  const [to, setTo] = useState(moscowToday);
  const [from, setFrom] = useState(() => isoDay(new Date(Date.parse(moscowToday()) - 29 * dayMs)));
  const [queueId, setQueueId] = useState<string | null>(null);
  const [topicId, setTopicId] = useState<string | null>(null);
  const valid = validPeriod(from, to);
  const params: ReportParams = { from, to, queueId, topicId };
  const filters = useQuery(filtersQuery);
  const report = useQuery({ ...reportQuery(params), enabled: valid, placeholderData: keepPreviousData });
  const name = (x: { nameRu: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.nameRu);
  const all = { value: '', label: t('support-reports.filters.all') };

  if (isApiError(report.error, 401, 403)) return <NoAccess />;
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('support-reports.title')}
        description={t('support-reports.description')}
        actions={
          <Button
            component="a"
            href={xlsxUrl(params, i18n.language)}
            download
            leftSection={<IconDownload size={16} />}
            disabled={!valid}
            data-testid="report-xlsx"
          >
            {t('support-reports.download')}
          </Button>
        }
      />
      <Paper withBorder p="sm" mb="sm">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput
            type="date"
            label={t('support-reports.filters.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={valid ? undefined : t('support-reports.filters.badPeriod')}
            data-testid="report-from"
          />
          <TextInput
            type="date"
            label={t('support-reports.filters.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-testid="report-to"
          />
          <Select
            label={t('support-reports.filters.queue')}
            data={[all, ...(filters.data?.queues ?? []).map((q) => ({ value: q.id, label: name(q) }))]}
            value={queueId ?? ''}
            onChange={(v) => setQueueId(v || null)}
            allowDeselect={false}
          />
          <Select
            label={t('support-reports.filters.topic')}
            data={[all, ...(filters.data?.topics ?? []).map((q) => ({ value: q.id, label: name(q) }))]}
            value={topicId ?? ''}
            onChange={(v) => setTopicId(v || null)}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Paper>
      {valid && report.isPending ? <ReportSkeleton /> : null}
      {report.isError ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? <Report report={report.data} /> : null}
    </Stack>
  );
}
