import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDiscount2, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { formatMoney, type Promotion, promotionsQuery, reportQuery } from './api';
import { PromotionForm } from './PromotionForm';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function UsageReport() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(isoDay(new Date()));
  const valid = Boolean(from && to && from <= to);
  const report = useQuery({ ...reportQuery(from, to), enabled: valid, placeholderData: keepPreviousData });
  const money = (k: number) => formatMoney(k, i18n.language);
  const data = (report.data?.byPromotion ?? []).map((r) => ({
    name: r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name,
    uses: r.uses,
    discount: Math.round(r.discountGiven / 100),
  }));
  return (
    <Paper withBorder p="sm" component="section" data-testid="promo-report">
      <Title order={2} size="h4" mb="xs">
        {t('promotions.admin.report')}
      </Title>
      <Group gap="xs" mb="xs">
        <TextInput
          type="date"
          label={t('promotions.admin.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('promotions.admin.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {report.data ? (
        <Text size="sm" mb="xs">
          {t('promotions.admin.totals', {
            uses: report.data.totals.uses,
            amount: money(report.data.totals.discountGiven),
            released: report.data.totals.released,
          })}
        </Text>
      ) : null}
      {report.data && data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('promotions.admin.noUses')}
        </Text>
      ) : null}
      {data.length > 0 ? (
        <div role="img" aria-label={t('promotions.admin.reportChart')}>
          <BarChart
            h={Math.max(160, data.length * 48)}
            data={data}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            withLegend
            series={[
              { name: 'uses', label: t('promotions.admin.uses'), color: 'blue.6' },
              { name: 'discount', label: `${t('promotions.admin.discountGiven')}, ₽`, color: 'teal.6' },
            ]}
          />
        </div>
      ) : null}
    </Paper>
  );
}

/** Back office: promotions with their codes and uses, creating and editing them, batches and the usage report. */
export function PromotionsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('promotions.admin.title'));
  const list = useQuery(promotionsQuery);
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const money = (k: number) => formatMoney(k, i18n.language);
  if (list.isPending) return <PageSkeleton />;
  if (isApiError(list.error, 401, 403)) return <NoAccess />;
  if (list.isError)
    return <ErrorState error={list.error} titleOrder={1} onRetry={() => void list.refetch()} />;
  const discountOf = (p: Promotion) => (p.kind === 'percent' ? `${p.value / 100} %` : money(p.value));
  return (
    <Stack gap="md">
      <PageHeader
        title={t('promotions.admin.title')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('promotions.admin.create')}
          </Button>
        }
      />
      {list.data.items.length === 0 ? (
        <StateMessage color="gray" icon={<IconDiscount2 size={28} />} title={t('promotions.admin.empty')} />
      ) : (
        <Table.ScrollContainer
          minWidth={640}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={t('promotions.admin.title')}
        >
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('promotions.admin.name')}</Table.Th>
                <Table.Th>{t('promotions.admin.code')}</Table.Th>
                <Table.Th ta="right">{t('promotions.admin.value')}</Table.Th>
                <Table.Th ta="right">{t('promotions.admin.uses')}</Table.Th>
                <Table.Th ta="right">{t('promotions.admin.discountGiven')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setEditing(p)} px={0}>
                      {p.name}
                    </Button>
                    {p.active ? null : (
                      <Badge ml="xs" color="gray" variant="light">
                        {t('promotions.admin.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.publicCode ?? t('promotions.admin.noCode')}
                    {p.personalCodes ? ` (+${p.personalCodes})` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{discountOf(p)}</Table.Td>
                  <Table.Td ta="right">{p.uses}</Table.Td>
                  <Table.Td ta="right">{money(p.discountGiven)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <UsageReport />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={editing === 'new' ? t('promotions.admin.create') : t('promotions.admin.edit')}
        size="lg"
      >
        {editing !== null ? (
          <PromotionForm promotion={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
