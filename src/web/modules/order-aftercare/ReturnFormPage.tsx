import { Alert, Button, FileInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type ReturnRequest, sendWithFiles, trackingQuery } from './api';
import { chosen, LinesPicker, shippedLines } from './LinesPicker';

/** "Return items" of a delivered order: lines and quantities, the reason and up to 5 photos. */
export function ReturnFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('order-aftercare.returns.new'));
  const { id } = useParams({ strict: false }) as { id: string };
  const tracking = useQuery(trackingQuery(id));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [kind, setKind] = useState('refund');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const send = useMutation({
    mutationFn: () =>
      sendWithFiles<ReturnRequest>(
        `/api/v1/me/orders/${id}/returns`,
        { kind, reason, comment: comment || null, lines: chosen(quantities) },
        'photos',
        photos,
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['order-aftercare'] });
      await navigate({ to: '/returns' });
    },
  });
  if (tracking.isPending) return <ListSkeleton />;
  if (tracking.isError) return <ErrorState error={tracking.error} onRetry={() => void tracking.refetch()} />;
  return (
    <>
      <PageHeader title={t('order-aftercare.returns.new')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack maw={640}>
          <LinesPicker
            lines={shippedLines(tracking.data.shipments, true)}
            value={quantities}
            onChange={setQuantities}
          />
          <Select
            label={t('order-aftercare.returns.kind')}
            data={['refund', 'exchange'].map((k) => ({
              value: k,
              label: t(`order-aftercare.returns.kinds.${k}` as 'order-aftercare.returns.kinds.refund'),
            }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'refund')}
            allowDeselect={false}
          />
          <TextInput
            label={t('order-aftercare.returns.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Textarea
            label={t('order-aftercare.form.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <FileInput
            label={t('order-aftercare.returns.photos')}
            description={t('order-aftercare.returns.photosHint')}
            multiple
            accept="image/jpeg,image/png,image/webp"
            value={photos}
            onChange={(files) => setPhotos(files.slice(0, 5))}
            clearable
            clearButtonProps={{ 'aria-label': t('order-aftercare.form.clearFiles') }}
          />
          {send.isError ? (
            <Alert color="red" role="alert">
              {send.error.message}
            </Alert>
          ) : null}
          <Button
            type="submit"
            loading={send.isPending}
            disabled={chosen(quantities).length === 0 || !reason.trim()}
          >
            {t('order-aftercare.returns.submit')}
          </Button>
        </Stack>
      </form>
    </>
  );
}
