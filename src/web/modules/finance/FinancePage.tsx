import { AreaChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarDue, IconCash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  type CompanyPayment,
  type FinanceSummary,
  formatDay,
  formatRub,
  historyQuery,
  isoDay,
  type PaymentPage,
  paymentsPath,
  type ScheduleItem,
  scheduleQuery,
  summaryQuery,
} from './api';

const PHONE_QUERY = '(max-width: 47.99em)';

/** A company's finances (`/orgs/:orgId/finance`): figures, debt chart, payment schedule, payments. */
export function FinancePage() {
  const { t } = useTranslation();
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  usePageTitle(t('finance.title'));
  const summary = useQuery(summaryQuery(orgId));
  if (isApiError(summary.error, 403, 404))
    return (
      <StateMessage
        icon={<IconCash size={32} />}
        title={t('finance.noAccess')}
        titleOrder={1}
        role="status"
        testId="finance-no-access"
      />
    );
  return (
    <Stack gap="xl">
      <PageHeader title={t('finance.title')} description={t('finance.description')} />
      {summary.isPending ? <ListSkeleton rows={2} /> : null}
      {summary.isError ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {summary.data ? <SummaryCards summary={summary.data} /> : null}
      <DebtChart orgId={orgId} />
      <Schedule orgId={orgId} />
      <Payments orgId={orgId} />
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
  color,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
  children?: React.ReactNode;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} c={color} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

function SummaryCards({ summary }: { summary: FinanceSummary }) {
  const { t, i18n } = useTranslation();
  const rub = (v: number) => formatRub(v, i18n.language);
  const limit = summary.creditLimit;
  const used = limit ? Math.min(100, Math.round((summary.creditUsed / limit) * 100)) : 0;
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, md: 4 }}
      spacing="md"
      component="section"
      aria-label={t('finance.summary')}
    >
      <Figure
        label={summary.balance >= 0 ? t('finance.balanceOwed') : t('finance.balanceAhead')}
        value={rub(Math.abs(summary.balance))}
        testId="finance-balance"
      >
        <Text size="xs" c="dimmed">
          {t('finance.receivable', { amount: rub(summary.receivable) })}
        </Text>
      </Figure>
      <Figure
        label={t('finance.overdue')}
        value={rub(summary.overdue)}
        color={summary.overdue > 0 ? 'red.8' : undefined}
        testId="finance-overdue"
      />
      <Figure
        label={t('finance.creditLimit')}
        value={limit === null ? t('finance.noLimit') : rub(limit)}
        testId="finance-credit"
      >
        {limit !== null ? (
          <>
            <Progress
              value={used}
              color={used >= 90 ? 'red' : 'teal'}
              mt="xs"
              aria-label={t('finance.creditUsedLabel')}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t('finance.creditUsed', {
                used: rub(summary.creditUsed),
                available: rub(summary.creditAvailable),
              })}
            </Text>
          </>
        ) : null}
      </Figure>
      <Figure
        label={t('finance.unallocated')}
        value={rub(summary.unallocatedCredit)}
        testId="finance-credit-left"
      />
    </SimpleGrid>
  );
}

function DebtChart({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<'3m' | '1y'>('3m');
  const to = new Date();
  const from = new Date(to);
  if (period === '3m') from.setUTCDate(from.getUTCDate() - 89);
  else from.setUTCDate(from.getUTCDate() - 364);
  const history = useQuery(historyQuery(orgId, isoDay(from), isoDay(to)));
  const data = (history.data?.points ?? []).map((p) => ({
    date: formatDay(p.date, i18n.language),
    balance: p.balance / 100,
  }));
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="finance-chart-heading"
    >
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} size="h3" id="finance-chart-heading">
          {t('finance.chart.title')}
        </Title>
        <SegmentedControl
          size="xs"
          value={period}
          onChange={(v) => setPeriod(v as '3m' | '1y')}
          data={[
            { value: '3m', label: t('finance.chart.months3') },
            { value: '1y', label: t('finance.chart.year') },
          ]}
          aria-label={t('finance.chart.period')}
        />
      </Group>
      {history.isPending ? <ListSkeleton rows={3} /> : null}
      {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.isSuccess ? (
        <div role="img" aria-label={t('finance.chart.label')} data-testid="finance-chart">
          <AreaChart
            h={240}
            data={data}
            dataKey="date"
            series={[{ name: 'balance', label: t('finance.chart.balance'), color: 'teal.6' }]}
            curveType="stepAfter"
            withDots={false}
            valueFormatter={(v) =>
              new Intl.NumberFormat(i18n.language, {
                style: 'currency',
                currency: 'RUB',
                maximumFractionDigits: 0,
              }).format(v)
            }
            yAxisProps={{ width: 90 }}
          />
        </div>
      ) : null}
    </Paper>
  );
}

function OverdueBadge({ item }: { item: ScheduleItem }) {
  const { t } = useTranslation();
  if (!item.dueDate)
    return (
      <Badge variant="light" color="gray">
        {t('finance.schedule.notShipped')}
      </Badge>
    );
  return item.daysOverdue > 0 ? (
    <Badge color="red" variant="filled">
      {t('finance.schedule.overdue', { count: item.daysOverdue })}
    </Badge>
  ) : (
    <Badge color="teal" variant="light">
      {t('finance.schedule.onTime')}
    </Badge>
  );
}

function Schedule({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const schedule = useQuery(scheduleQuery(orgId));
  const items = schedule.data?.items ?? [];
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : '—');
  const rub = (v: number) => formatRub(v, i18n.language);
  const orderLink = (item: ScheduleItem) => (
    <Link to="/orgs/$orgId/orders/$orderId" params={{ orgId, orderId: item.orderId }}>
      {item.number}
    </Link>
  );
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="finance-schedule-heading"
    >
      <Title order={2} size="h3" id="finance-schedule-heading" mb="md">
        {t('finance.schedule.title')}
      </Title>
      {schedule.isPending ? <ListSkeleton rows={2} /> : null}
      {schedule.isError ? (
        <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : null}
      {schedule.isSuccess && items.length === 0 ? (
        <Group gap="xs" c="dimmed">
          <IconCalendarDue size={18} aria-hidden="true" />
          <Text size="sm">{t('finance.schedule.empty')}</Text>
        </Group>
      ) : null}
      {items.length > 0 && phone ? (
        <Stack gap="sm" data-testid="finance-schedule">
          {items.map((item) => (
            <Paper key={item.orderId} withBorder p="sm" data-testid="finance-schedule-row">
              <Group justify="space-between" gap="xs">
                <Text fw={600}>{orderLink(item)}</Text>
                <OverdueBadge item={item} />
              </Group>
              <Text size="sm">
                {t('finance.schedule.dueLine', { amount: rub(item.amountDue), date: day(item.dueDate) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('finance.schedule.shippedOn')}: {day(item.shippedOn)}
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : null}
      {items.length > 0 && !phone ? (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="finance-schedule" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.schedule.order')}</Table.Th>
                <Table.Th>{t('finance.schedule.shippedOn')}</Table.Th>
                <Table.Th>{t('finance.schedule.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('finance.schedule.amountDue')}</Table.Th>
                <Table.Th>{t('finance.schedule.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.orderId} data-testid="finance-schedule-row">
                  <Table.Td>{orderLink(item)}</Table.Td>
                  <Table.Td>{day(item.shippedOn)}</Table.Td>
                  <Table.Td>{day(item.dueDate)}</Table.Td>
                  <Table.Td ta="right">{rub(item.amountDue)}</Table.Td>
                  <Table.Td>
                    <OverdueBadge item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}

/** A payment as a list row, shared with the back office's company page. */
export function PaymentRow({ payment }: { payment: CompanyPayment }) {
  const { t, i18n } = useTranslation();
  const rub = (v: number) => formatRub(v, i18n.language);
  return (
    <Paper withBorder p="sm" data-testid="finance-payment">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Stack gap={0}>
          <Text fw={600}>
            {payment.number
              ? t('finance.payments.numbered', {
                  number: payment.number,
                  date: formatDay(payment.paidOn, i18n.language),
                })
              : formatDay(payment.paidOn, i18n.language)}
          </Text>
          {payment.payer || payment.purpose ? (
            <Text size="xs" c="dimmed">
              {[payment.payer, payment.purpose].filter(Boolean).join(' · ')}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t(`finance.source.${payment.source}`)}
          </Badge>
          <Text fw={700} data-testid="finance-payment-amount">
            {rub(payment.amount)}
          </Text>
        </Group>
      </Group>
      {payment.allocations.length > 0 ? (
        <Text size="sm" mt={4}>
          {payment.allocations
            .map((a) =>
              a.orderNumber
                ? t('finance.payments.toOrder', { number: a.orderNumber, amount: rub(a.amount) })
                : t('finance.payments.toInvoice', { number: a.documentNumber ?? '—', amount: rub(a.amount) }),
            )
            .join('; ')}
        </Text>
      ) : null}
      {payment.unallocated > 0 ? (
        <Text size="sm" c="teal.8" mt={4}>
          {t('finance.payments.credit', { amount: rub(payment.unallocated) })}
        </Text>
      ) : null}
    </Paper>
  );
}

function Payments({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ['orgs', orgId, 'finance', 'payments'],
    queryFn: ({ pageParam }) =>
      api<PaymentPage>(paymentsPath(orgId), { query: { limit: 20, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    meta: { needsPerson: true },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="finance-payments-heading"
    >
      <Title order={2} size="h3" id="finance-payments-heading" mb="md">
        {t('finance.payments.title')}
      </Title>
      {list.isPending ? <ListSkeleton rows={2} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('finance.payments.empty')}
        </Text>
      ) : null}
      <Stack gap="xs">
        {items.map((p) => (
          <PaymentRow key={p.id} payment={p} />
        ))}
      </Stack>
      {list.hasNextPage ? (
        <Button
          variant="light"
          mt="md"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('finance.payments.more')}
        </Button>
      ) : null}
    </Paper>
  );
}
