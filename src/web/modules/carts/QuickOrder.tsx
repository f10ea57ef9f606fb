import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useCatalogFormat } from '../catalog/format';
import {
  addLines,
  type CartPlace,
  previewFile,
  previewText,
  type QuickOrderPreview,
  useCartMutation,
} from './api';

/**
 * Quick order: paste "SKU quantity" lines or upload an XLSX/CSV → a preview of matched lines (with quantity
 * corrections and prices), unknown SKUs and unreadable lines → add the matched lines to the cart.
 */
export function QuickOrder({ place, cartId }: { place: CartPlace; cartId: string | null }) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<QuickOrderPreview | null>(null);
  const check = useMutation({
    mutationFn: () => (file ? previewFile(place, cartId, file) : previewText(place, cartId, text)),
    onSuccess: setPreview,
  });
  const add = useCartMutation(place, (p: QuickOrderPreview) =>
    addLines(
      place,
      cartId,
      p.matched.map((m) => ({ variantId: m.variantId, quantity: m.quantity })),
    ),
  );
  const onAdd = () => {
    if (!preview) return;
    add.mutate(preview, {
      onSuccess: (result) => {
        notifications.show({ color: 'green', message: t('carts.quick.added', { count: result.added }) });
        setPreview(null);
        setText('');
        setFile(null);
      },
    });
  };
  const error =
    check.error instanceof ApiError ? check.error.detail : check.error ? t('errors.generic') : null;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="quick-order-title"
      data-testid="quick-order"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="quick-order-title">
          {t('carts.quick.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('carts.quick.hint')}
        </Text>
        <Textarea
          label={t('carts.quick.text')}
          autosize
          minRows={4}
          maxRows={12}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          placeholder={'FLT-BB10 4\nCRT-PP5-10;20'}
          data-testid="quick-order-text"
        />
        <FileInput
          label={t('carts.quick.file')}
          placeholder={t('carts.quick.filePlaceholder')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
          clearable
          value={file}
          onChange={setFile}
        />
        <Group>
          <Button
            onClick={() => check.mutate()}
            loading={check.isPending}
            disabled={!file && text.trim() === ''}
            data-testid="quick-order-preview"
          >
            {t('carts.quick.preview')}
          </Button>
        </Group>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {preview ? (
          <Stack gap="sm" data-testid="quick-order-result">
            <Text fw={600}>{t('carts.quick.matched', { count: preview.matched.length })}</Text>
            {preview.matched.length === 0 ? <Text c="dimmed">{t('carts.quick.nothing')}</Text> : null}
            {preview.matched.length > 0 ? (
              <Table withTableBorder layout="fixed" fz={{ base: 'xs', sm: 'sm' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('carts.quick.colSku')}</Table.Th>
                    <Table.Th>{t('carts.quick.colName')}</Table.Th>
                    <Table.Th ta="right" visibleFrom="sm">
                      {t('carts.quick.colAsked')}
                    </Table.Th>
                    <Table.Th ta="right">{t('carts.quick.colQty')}</Table.Th>
                    <Table.Th ta="right" visibleFrom="sm">
                      {t('carts.quick.colPrice')}
                    </Table.Th>
                    <Table.Th ta="right">{t('carts.quick.colTotal')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.matched.map((m) => (
                    <Table.Tr key={`${m.line}-${m.variantId}`} data-testid="quick-order-matched">
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.sku}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.name}</Table.Td>
                      <Table.Td ta="right" visibleFrom="sm">
                        {format.quantity(m.asked)}
                      </Table.Td>
                      <Table.Td ta="right">
                        {format.quantity(m.quantity)} {m.unit}
                        {m.reason ? (
                          <Text size="xs" c="red.9">
                            {t(`carts.reason.${m.reason}`)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right" visibleFrom="sm">
                        {format.money(m.unitPrice, preview.currency)}
                      </Table.Td>
                      <Table.Td ta="right">{format.money(m.lineTotal, preview.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {preview.unknown.length > 0 ? (
              <Alert color="orange" title={t('carts.quick.unknown')} data-testid="quick-order-unknown">
                <List size="sm">
                  {preview.unknown.map((u) => (
                    <List.Item key={u.line}>
                      {t('carts.quick.lineNo', { line: u.line })}: {u.sku}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            {preview.unavailable.length > 0 ? (
              <Alert color="orange" title={t('carts.quick.unavailable')}>
                <List size="sm">
                  {preview.unavailable.map((u) => (
                    <List.Item key={u.line}>
                      {t('carts.quick.lineNo', { line: u.line })}: {u.sku} — {u.name}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            {preview.bad.length > 0 ? (
              <Alert color="red" title={t('carts.quick.bad')} data-testid="quick-order-bad">
                <List size="sm">
                  {preview.bad.map((b) => (
                    <List.Item key={b.line}>
                      {t('carts.quick.lineNo', { line: b.line })}: «{b.text}» —{' '}
                      {t(`carts.quick.badReason.${b.reason}`)}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            {preview.matched.length > 0 ? (
              <Group justify="space-between" wrap="wrap">
                <Text fw={700}>{format.money(preview.total, preview.currency)}</Text>
                <Button onClick={onAdd} loading={add.isPending} data-testid="quick-order-add">
                  {t('carts.quick.addAll', { count: preview.matched.length })}
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
