import {
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDiscount2, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import {
  type AdminPromotion,
  createPromotion,
  dayOf,
  deletePromotion,
  type LinkKind,
  type Placement,
  type PromotionDraft,
  pick,
  promotionsQuery,
  segmentsQuery,
  setPromotion,
} from './api';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A date input's day as the start (00:00) or the end (24:00) of that day in the browser's time zone. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayEnd = (day: string) => new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString();

function PromotionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const segments = useQuery(segmentsQuery);
  const [titleRu, setTitleRu] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [textRu, setTextRu] = useState('');
  const [textEn, setTextEn] = useState('');
  const [linkKind, setLinkKind] = useState<string>('none');
  const [linkValue, setLinkValue] = useState('');
  const [placement, setPlacement] = useState<Placement>('both');
  const [starts, setStarts] = useState(today());
  const [ends, setEnds] = useState(inDays(30));
  const [segmentIds, setSegmentIds] = useState<string[]>([]);
  const [priority, setPriority] = useState<number | string>(0);
  const save = useMutation({
    mutationFn: () => {
      const draft: PromotionDraft = {
        titleRu,
        titleEn: titleEn || null,
        textRu,
        textEn: textEn || null,
        link: linkKind !== 'none' && linkValue ? { kind: linkKind as LinkKind, value: linkValue } : null,
        placement,
        startsAt: dayStart(starts),
        endsAt: dayEnd(ends),
        segmentIds,
        priority: typeof priority === 'number' ? priority : 0,
        active: true,
      };
      return createPromotion(draft);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['offers-admin'] });
      onDone();
    },
    onError: () => notifications.show({ color: 'red', message: t('offers.admin.saveFailed') }),
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('offers.admin.titleRu')}
            required
            value={titleRu}
            onChange={(e) => setTitleRu(e.currentTarget.value)}
          />
          <TextInput
            label={t('offers.admin.titleEn')}
            value={titleEn}
            onChange={(e) => setTitleEn(e.currentTarget.value)}
          />
          <Textarea
            label={t('offers.admin.textRu')}
            value={textRu}
            onChange={(e) => setTextRu(e.currentTarget.value)}
          />
          <Textarea
            label={t('offers.admin.textEn')}
            value={textEn}
            onChange={(e) => setTextEn(e.currentTarget.value)}
          />
          <Select
            label={t('offers.admin.linkKind')}
            data={(['none', 'category', 'product', 'promo_code'] as const).map((k) => ({
              value: k,
              label: t(`offers.admin.link.${k}`),
            }))}
            value={linkKind}
            onChange={(v) => setLinkKind(v ?? 'none')}
            allowDeselect={false}
          />
          <TextInput
            label={t('offers.admin.linkValue')}
            disabled={linkKind === 'none'}
            value={linkValue}
            onChange={(e) => setLinkValue(e.currentTarget.value)}
          />
          <Select
            label={t('offers.admin.placement')}
            data={(['home', 'catalog', 'both'] as const).map((p) => ({
              value: p,
              label: t(`offers.admin.place.${p}`),
            }))}
            value={placement}
            onChange={(v) => setPlacement((v as Placement) ?? 'both')}
            allowDeselect={false}
          />
          <NumberInput
            label={t('offers.admin.priority')}
            min={-1000}
            max={1000}
            value={priority}
            onChange={setPriority}
          />
          <TextInput
            type="date"
            label={t('offers.admin.startsAt')}
            required
            value={starts}
            onChange={(e) => setStarts(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('offers.admin.endsAt')}
            required
            value={ends}
            onChange={(e) => setEnds(e.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('offers.admin.segments')}
          required
          data={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={segmentIds}
          onChange={setSegmentIds}
          data-testid="promotion-segments"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('offers.admin.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="promotion-save">
            {t('offers.admin.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const draftOf = (p: AdminPromotion, active: boolean): PromotionDraft => ({
  titleRu: p.title.ru,
  titleEn: p.title.en,
  textRu: p.text.ru,
  textEn: p.text.en,
  link: p.link,
  placement: p.placement,
  startsAt: p.startsAt,
  endsAt: p.endsAt,
  segmentIds: p.segmentIds,
  priority: p.priority,
  active,
});

/** Targeted promotions: the list with period, placement and segments, a form to add one. */
export function PromotionsTab() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const query = useQuery(promotionsQuery);
  const segments = useQuery(segmentsQuery);
  const names = new Map((segments.data?.items ?? []).map((s) => [s.id, s.name]));
  const [adding, setAdding] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ['offers-admin'] });
  const toggle = useMutation({
    mutationFn: (p: AdminPromotion) => setPromotion(p.id, draftOf(p, !p.active)),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => deletePromotion(id), onSuccess: refresh });
  return (
    <Stack gap="md">
      {adding ? (
        <PromotionForm onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setAdding(true)}
            data-testid="promotion-new"
          >
            {t('offers.admin.newPromotion')}
          </Button>
        </Group>
      )}
      {query.isPending ? (
        <Skeleton h={120} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <StateMessage
          icon={<IconDiscount2 size={28} />}
          role="status"
          title={t('offers.admin.noPromotions')}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="promotions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offers.admin.titleRu')}</Table.Th>
                <Table.Th>{t('offers.admin.period')}</Table.Th>
                <Table.Th>{t('offers.admin.placement')}</Table.Th>
                <Table.Th>{t('offers.admin.segments')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('offers.admin.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {pick(p.title, i18n.language)}
                    </Text>
                    {p.active ? null : <Badge color="gray">{t('offers.admin.paused')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {dayOf(p.startsAt, i18n.language)} — {dayOf(p.endsAt, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`offers.admin.place.${p.placement}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.segmentIds.map((id) => names.get(id) ?? '—').join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Switch
                        size="xs"
                        checked={p.active}
                        onChange={() => toggle.mutate(p)}
                        label={
                          <VisuallyHidden>
                            {t('offers.admin.activeOf', { title: pick(p.title, i18n.language) })}
                          </VisuallyHidden>
                        }
                      />
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(p.id)}>
                        {t('offers.admin.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
