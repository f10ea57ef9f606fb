import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { type CompanyPayment, type FinanceSummary, formatRub, isoDay, type PaymentPage } from './api';
import { PaymentRow } from './FinancePage';

const base = (companyId: string) => `/api/v1/admin/companies/${encodeURIComponent(companyId)}`;
const key = (companyId: string) => ['admin', 'companies', companyId, 'finance'];

/** The field a server problem names (`body.amount` → amount), for the form. */
const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.errors.find((e) => e.path === `body.${field}`)?.message : undefined;

/**
 * The back office's view of a company's money on its page: the figures and the latest payments; staff with
 * `finance.manage` record a payment (a bank payment order), allocated on the server.
 */
export function AdminCompanyFinance({ companyId }: { companyId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const session = useQuery(sessionQuery);
  const canRecord = session.data?.permissions?.includes('finance.manage') ?? false;
  const summary = useQuery({
    queryKey: [...key(companyId), 'summary'],
    queryFn: () => api<FinanceSummary>(`${base(companyId)}/finance/summary`),
  });
  const payments = useQuery({
    queryKey: [...key(companyId), 'payments'],
    queryFn: () => api<PaymentPage>(`${base(companyId)}/payments`, { query: { limit: 20 } }),
  });
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState<number | string>('');
  const [paidOn, setPaidOn] = useState(isoDay(new Date()));
  const [number, setNumber] = useState('');
  const [payer, setPayer] = useState('');
  const record = useMutation({
    mutationFn: () =>
      api<CompanyPayment>(`${base(companyId)}/payments`, {
        method: 'POST',
        json: {
          amount: Math.round(Number(amount) * 100),
          paidOn,
          ...(number.trim() ? { number: number.trim() } : {}),
          ...(payer.trim() ? { payer: payer.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key(companyId) });
      notifications.show({ color: 'teal', message: t('finance.admin.recorded') });
      setOpen(false);
      setAmount('');
      setNumber('');
      setPayer('');
    },
  });
  const rub = (v: number) => formatRub(v, i18n.language);
  const items = payments.data?.items ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="admin-finance-heading"
    >
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} id="admin-finance-heading">
          {t('finance.admin.title')}
        </Title>
        {canRecord ? (
          <Button onClick={() => setOpen(true)} data-testid="record-payment">
            {t('finance.admin.record')}
          </Button>
        ) : null}
      </Group>
      {summary.data ? (
        <SimpleGrid cols={{ base: 1, xs: 3 }} mb="md">
          <Text size="sm">
            {t('finance.admin.balance')}: <b>{rub(summary.data.balance)}</b>
          </Text>
          <Text size="sm" c={summary.data.overdue > 0 ? 'red.8' : undefined}>
            {t('finance.overdue')}: <b>{rub(summary.data.overdue)}</b>
          </Text>
          <Text size="sm">
            {t('finance.unallocated')}: <b>{rub(summary.data.unallocatedCredit)}</b>
          </Text>
        </SimpleGrid>
      ) : null}
      {payments.isPending ? <ListSkeleton rows={2} /> : null}
      {payments.isError ? (
        <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
      ) : null}
      {payments.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('finance.payments.empty')}
        </Text>
      ) : null}
      <Stack gap="xs">
        {items.map((p) => (
          <PaymentRow key={p.id} payment={p} />
        ))}
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('finance.admin.record')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <Stack gap="sm">
            <NumberInput
              label={t('finance.admin.amount')}
              value={amount}
              onChange={setAmount}
              min={0.01}
              decimalScale={2}
              decimalSeparator={i18n.language === 'ru' ? ',' : '.'}
              thousandSeparator=" "
              required
              error={fieldError(record.error, 'amount')}
            />
            <TextInput
              label={t('finance.admin.paidOn')}
              type="date"
              value={paidOn}
              onChange={(e) => setPaidOn(e.currentTarget.value)}
              required
              error={fieldError(record.error, 'paidOn')}
            />
            <TextInput
              label={t('finance.admin.number')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              maxLength={50}
            />
            <TextInput
              label={t('finance.admin.payer')}
              value={payer}
              onChange={(e) => setPayer(e.currentTarget.value)}
              maxLength={300}
            />
            {record.isError && !fieldError(record.error, 'amount') && !fieldError(record.error, 'paidOn') ? (
              <Text size="sm" c="red.8" role="alert">
                {record.error instanceof Error ? record.error.message : t('errors.generic')}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending} disabled={!(Number(amount) > 0)}>
                {t('finance.admin.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
