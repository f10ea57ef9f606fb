import { Alert, Button, FileInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimKinds } from '../../../shared/orders';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Claim, sendWithFiles, trackingQuery } from './api';
import { chosen, LinesPicker, shippedLines } from './LinesPicker';

/** A company's claim on a shipped order: kind, shipment, lines, description and photos or PDF documents. */
export function ClaimFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('order-aftercare.claims.new'));
  const { id, orgId } = useParams({ strict: false }) as { id: string; orgId: string };
  const tracking = useQuery(trackingQuery(id, orgId));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [kind, setKind] = useState<string>('defect');
  const [shipmentId, setShipmentId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [resolution, setResolution] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const send = useMutation({
    mutationFn: () =>
      sendWithFiles<Claim>(
        `/api/v1/orgs/${orgId}/orders/${id}/claims`,
        { kind, shipmentId, description, requestedResolution: resolution || null, lines: chosen(quantities) },
        'files',
        files,
      ),
    onSuccess: async (claim) => {
      await client.invalidateQueries({ queryKey: ['order-aftercare'] });
      await navigate({ to: `/orgs/${orgId}/claims/${claim.id}` });
    },
  });
  if (tracking.isPending) return <ListSkeleton />;
  if (tracking.isError) return <ErrorState error={tracking.error} onRetry={() => void tracking.refetch()} />;
  const shipments = tracking.data.shipments.filter((s) => !shipmentId || s.id === shipmentId);
  return (
    <>
      <PageHeader title={t('order-aftercare.claims.new')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack maw={640}>
          <Select
            label={t('order-aftercare.claims.kind')}
            data={claimKinds.map((k) => ({ value: k, label: t(`order-aftercare.claimKinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'defect')}
            allowDeselect={false}
          />
          <Select
            label={t('order-aftercare.claims.shipment')}
            data={tracking.data.shipments.map((s) => ({ value: s.id, label: s.number }))}
            value={shipmentId}
            onChange={setShipmentId}
            clearable
            clearButtonProps={{ 'aria-label': t('order-aftercare.form.clearShipment') }}
          />
          <LinesPicker lines={shippedLines(shipments, false)} value={quantities} onChange={setQuantities} />
          <Textarea
            label={t('order-aftercare.claims.description')}
            required
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <TextInput
            label={t('order-aftercare.claims.resolution')}
            value={resolution}
            onChange={(e) => setResolution(e.currentTarget.value)}
          />
          <FileInput
            label={t('order-aftercare.claims.files')}
            description={t('order-aftercare.claims.filesHint')}
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf"
            value={files}
            onChange={(list) => setFiles(list.slice(0, 10))}
            clearable
            clearButtonProps={{ 'aria-label': t('order-aftercare.form.clearFiles') }}
          />
          {send.isError ? (
            <Alert color="red" role="alert">
              {send.error.message}
            </Alert>
          ) : null}
          <Button type="submit" loading={send.isPending} disabled={!description.trim()}>
            {t('order-aftercare.claims.submit')}
          </Button>
        </Stack>
      </form>
    </>
  );
}
