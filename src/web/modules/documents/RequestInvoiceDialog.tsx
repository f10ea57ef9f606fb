import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { formatMoney, ordersQuery } from '../orders/api';
import {
  type CompanyDocument,
  formatDay,
  type InvoiceRequest,
  invalidateDocuments,
  requestInvoice,
} from './api';
import { useIsPhone } from './DocumentParts';

/** "1 234,56" or "1234.5" as kopecks; null when it is not a positive amount with at most two decimals. */
export function parseRoubles(text: string): number | null {
  const clean = text.replace(/[\s\u00a0₽]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const kopecks = Math.round(Number(clean) * 100);
  return kopecks > 0 && kopecks <= 1e13 ? kopecks : null;
}

interface Props {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  /** Fixes the order (the order page's button); without it the person picks an order or an amount. */
  order?: { id: string; number: string };
  onIssued?: (doc: CompanyDocument) => void;
}

/**
 * «Запросить счёт»: for one of the company's orders or for an amount with its purpose (POST …/invoices). A
 * 400 MISSING_REQUISITES shows what to fill in, field by field.
 */
export function RequestInvoiceDialog({ orgId, opened, onClose, order, onIssued }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const isPhone = useIsPhone();
  const [mode, setMode] = useState<'order' | 'amount'>('order');
  const [orderId, setOrderId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [touched, setTouched] = useState(false);
  const orders = useQuery({ ...ordersQuery({ kind: 'org', orgId }, {}, null), enabled: opened && !order });
  const chosenOrder = order?.id ?? orderId;
  const kopecks = parseRoubles(amount);
  const errors = {
    order: mode === 'order' && !chosenOrder ? t('documents.request.errors.order') : null,
    amount: mode === 'amount' && kopecks === null ? t('documents.request.errors.amount') : null,
    purpose: mode === 'amount' && !purpose.trim() ? t('documents.request.errors.purpose') : null,
  };
  const submit = useMutation({
    mutationFn: (body: InvoiceRequest) => requestInvoice(orgId, body),
    onSuccess: async ({ document, created }) => {
      await invalidateDocuments(client, orgId);
      notifications.show({
        color: created ? 'green' : 'blue',
        message: t(created ? 'documents.request.created' : 'documents.request.existing', {
          number: document.number,
        }),
      });
      onIssued?.(document);
      close();
    },
  });
  const close = () => {
    setTouched(false);
    setOrderId(null);
    setAmount('');
    setPurpose('');
    submit.reset();
    onClose();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (errors.order || errors.amount || errors.purpose) return;
    submit.mutate(
      mode === 'order' || order
        ? { orderId: chosenOrder as string }
        : { amount: kopecks as number, purpose: purpose.trim() },
    );
  };
  const error = submit.error;
  /** A missing or invalid field in plain words of the UI language (the problem's `errors[]`). */
  const fieldProblem = (e: { path: string; message: string }) => {
    const key = `documents.request.fields.${e.path.replaceAll('.', '_')}`;
    const field = i18n.exists(key) ? t(key as 'documents.request.fields.buyer_inn') : e.path;
    return t(
      e.message.endsWith('is missing') ? 'documents.request.fieldMissing' : 'documents.request.fieldInvalid',
      {
        field,
      },
    );
  };
  const options = (orders.data?.items ?? [])
    .filter((o) => o.status !== 'cancelled')
    .map((o) => ({
      value: o.id,
      label: t('documents.request.orderOption', {
        number: o.number,
        date: formatDay(o.createdAt.slice(0, 10), i18n.language),
        total: formatMoney(o.total, i18n.language, o.currency),
      }),
    }));
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('documents.request.title')}
      fullScreen={isPhone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <form onSubmit={onSubmit} noValidate data-testid="request-invoice-form">
        <Stack gap="sm">
          {order ? (
            <Text>{t('documents.row.order', { number: order.number })}</Text>
          ) : (
            <>
              <SegmentedControl
                fullWidth
                value={mode}
                onChange={(v) => setMode(v as 'order' | 'amount')}
                data={[
                  { value: 'order', label: t('documents.request.forOrder') },
                  { value: 'amount', label: t('documents.request.forAmount') },
                ]}
              />
              {mode === 'order' ? (
                <Select
                  label={t('documents.request.order')}
                  placeholder={t('documents.request.orderPlaceholder')}
                  nothingFoundMessage={t('documents.request.orderNothing')}
                  data={options}
                  value={orderId}
                  onChange={setOrderId}
                  searchable
                  required
                  disabled={orders.isPending}
                  error={touched ? errors.order : null}
                  data-testid="request-invoice-order"
                />
              ) : (
                <>
                  <TextInput
                    label={t('documents.request.amount')}
                    inputMode="decimal"
                    value={amount}
                    onChange={(e) => setAmount(e.currentTarget.value)}
                    required
                    error={touched ? errors.amount : null}
                    data-testid="request-invoice-amount"
                  />
                  <Textarea
                    label={t('documents.request.purpose')}
                    placeholder={t('documents.request.purposePlaceholder')}
                    value={purpose}
                    onChange={(e) => setPurpose(e.currentTarget.value)}
                    maxLength={500}
                    autosize
                    minRows={2}
                    required
                    error={touched ? errors.purpose : null}
                    data-testid="request-invoice-purpose"
                  />
                </>
              )}
            </>
          )}
          {error ? (
            <Alert
              color="red"
              role="alert"
              title={isMissing(error) ? t('documents.request.missing') : undefined}
              data-testid="request-invoice-error"
            >
              {isMissing(error) ? (
                <Stack gap={4}>
                  {error.errors.length ? (
                    <List size="sm" data-testid="request-invoice-missing">
                      {error.errors.map((e) => (
                        <List.Item key={e.path}>{fieldProblem(e)}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm">{error.detail}</Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {t('documents.request.missingHint')}
                  </Text>
                </Stack>
              ) : error instanceof ApiError && error.detail ? (
                error.detail
              ) : (
                t('errors.generic')
              )}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('documents.request.cancel')}
            </Button>
            <Button type="submit" loading={submit.isPending} data-testid="request-invoice-submit">
              {t('documents.request.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const isMissing = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'MISSING_REQUISITES';
