import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { batchesQuery, type Promotion } from './api';

type Draft = Omit<Promotion, 'id' | 'uses' | 'discountGiven' | 'personalCodes' | 'createdAt'>;

const empty: Draft = {
  name: '',
  description: null,
  kind: 'percent',
  value: 1000,
  target: 'order',
  targetIds: [],
  minOrderAmount: 0,
  startsAt: null,
  endsAt: null,
  usageLimit: null,
  perPersonLimit: null,
  audience: 'both',
  combinableWithPoints: true,
  appliesToContract: false,
  appliesToDiscounted: false,
  active: true,
  publicCode: null,
};

const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const num = (v: number | string) => (v === '' ? null : Number(v));

function Batches({ promotion }: { promotion: Promotion }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const batches = useQuery(batchesQuery(promotion.id));
  const [count, setCount] = useState<number | string>(100);
  const [prefix, setPrefix] = useState('');
  const generate = useMutation({
    mutationFn: () =>
      api(`/api/v1/admin/promotions/${promotion.id}/batches`, {
        method: 'POST',
        json: { count: Number(count), prefix },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'promotions'] }),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('promotions.admin.batches')}
      </Title>
      <Group align="flex-end" gap="xs">
        <NumberInput
          label={t('promotions.admin.batchCount')}
          value={count}
          onChange={setCount}
          min={1}
          max={10000}
          w={140}
        />
        <TextInput
          label={t('promotions.admin.batchPrefix')}
          value={prefix}
          onChange={(e) => setPrefix(e.currentTarget.value)}
          w={120}
        />
        <Button variant="light" loading={generate.isPending} onClick={() => generate.mutate()}>
          {t('promotions.admin.generate')}
        </Button>
      </Group>
      {generate.isError ? <Alert color="red">{(generate.error as Error).message}</Alert> : null}
      {batches.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('promotions.admin.noBatches')}
        </Text>
      ) : null}
      {batches.data?.items.map((b) => (
        <Group key={b.id} justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">
            {b.prefix ? `${b.prefix}… ` : ''}
            {t('promotions.admin.batchLine', {
              size: b.size,
              used: b.used,
              date: new Date(b.createdAt).toLocaleDateString(i18n.language),
            })}
          </Text>
          <Anchor
            size="sm"
            href={`/api/v1/admin/promotions/${promotion.id}/batches/${b.id}/codes.csv`}
            download
          >
            {t('promotions.admin.download')}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}

/** Creating or editing a promotion: terms, stacking rules, the public code, and its batches of personal codes. */
export function PromotionForm({ promotion, onDone }: { promotion: Promotion | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(promotion ?? empty);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      api(promotion ? `/api/v1/admin/promotions/${promotion.id}` : '/api/v1/admin/promotions', {
        method: promotion ? 'PUT' : 'POST',
        json: {
          ...d,
          startsAt: d.startsAt ? new Date(`${dayOf(d.startsAt)}T00:00:00+03:00`).toISOString() : null,
          endsAt: d.endsAt ? new Date(`${dayOf(d.endsAt)}T23:59:59+03:00`).toISOString() : null,
          publicCode: d.publicCode?.trim() || null,
        },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'promotions'] });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('promotions.admin.name')}
        required
        value={d.name}
        onChange={(e) => set('name', e.currentTarget.value)}
      />
      <Textarea
        label={t('promotions.admin.description')}
        value={d.description ?? ''}
        onChange={(e) => set('description', e.currentTarget.value || null)}
        autosize
      />
      <TextInput
        label={t('promotions.admin.publicCode')}
        value={d.publicCode ?? ''}
        onChange={(e) => set('publicCode', e.currentTarget.value.toUpperCase())}
      />
      <SegmentedControl
        aria-label={t('promotions.admin.kind')}
        value={d.kind}
        onChange={(v) => set('kind', v as Draft['kind'])}
        data={[
          { value: 'percent', label: t('promotions.admin.kinds.percent') },
          { value: 'fixed', label: t('promotions.admin.kinds.fixed') },
        ]}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label={d.kind === 'percent' ? t('promotions.admin.percent') : t('promotions.admin.fixed')}
          value={d.value / 100}
          onChange={(v) => set('value', Math.round(Number(v) * 100))}
          min={0.01}
          decimalScale={2}
        />
        <NumberInput
          label={t('promotions.admin.minOrder')}
          value={d.minOrderAmount / 100}
          onChange={(v) => set('minOrderAmount', Math.round(Number(v) * 100))}
          min={0}
          decimalScale={2}
        />
        <Select
          label={t('promotions.admin.target')}
          value={d.target}
          onChange={(v) => set('target', (v ?? 'order') as Draft['target'])}
          allowDeselect={false}
          data={(['order', 'categories', 'products'] as const).map((x) => ({
            value: x,
            label: t(`promotions.admin.targets.${x}`),
          }))}
        />
        <Select
          label={t('promotions.admin.audience')}
          value={d.audience}
          onChange={(v) => set('audience', (v ?? 'both') as Draft['audience'])}
          allowDeselect={false}
          data={(['both', 'retail', 'company'] as const).map((x) => ({
            value: x,
            label: t(`promotions.admin.audiences.${x}`),
          }))}
        />
        <TextInput
          type="date"
          label={t('promotions.admin.startsAt')}
          value={dayOf(d.startsAt)}
          onChange={(e) => set('startsAt', e.currentTarget.value || null)}
        />
        <TextInput
          type="date"
          label={t('promotions.admin.endsAt')}
          value={dayOf(d.endsAt)}
          onChange={(e) => set('endsAt', e.currentTarget.value || null)}
        />
        <NumberInput
          label={t('promotions.admin.usageLimit')}
          value={d.usageLimit ?? ''}
          onChange={(v) => set('usageLimit', num(v))}
          min={1}
          allowDecimal={false}
        />
        <NumberInput
          label={t('promotions.admin.perPersonLimit')}
          value={d.perPersonLimit ?? ''}
          onChange={(v) => set('perPersonLimit', num(v))}
          min={1}
          allowDecimal={false}
        />
      </SimpleGrid>
      {d.target !== 'order' ? (
        <TextInput
          label={t('promotions.admin.targetIds')}
          value={d.targetIds.join(', ')}
          onChange={(e) =>
            set(
              'targetIds',
              e.currentTarget.value
                .split(/[\s,]+/)
                .map((x) => x.trim())
                .filter(Boolean),
            )
          }
        />
      ) : null}
      <Checkbox
        label={t('promotions.admin.combinableWithPoints')}
        checked={d.combinableWithPoints}
        onChange={(e) => set('combinableWithPoints', e.currentTarget.checked)}
      />
      <Checkbox
        label={t('promotions.admin.appliesToContract')}
        checked={d.appliesToContract}
        onChange={(e) => set('appliesToContract', e.currentTarget.checked)}
      />
      <Checkbox
        label={t('promotions.admin.appliesToDiscounted')}
        checked={d.appliesToDiscounted}
        onChange={(e) => set('appliesToDiscounted', e.currentTarget.checked)}
      />
      <Checkbox
        label={t('promotions.admin.active')}
        checked={d.active}
        onChange={(e) => set('active', e.currentTarget.checked)}
      />
      {save.isError ? (
        <Alert color="red" role="alert">
          {(save.error as Error).message}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('promotions.admin.cancel')}
        </Button>
        <Button loading={save.isPending} disabled={!d.name.trim()} onClick={() => save.mutate()}>
          {t('promotions.admin.save')}
        </Button>
      </Group>
      {promotion ? (
        <>
          <Divider />
          <Batches promotion={promotion} />
        </>
      ) : null}
    </Stack>
  );
}
