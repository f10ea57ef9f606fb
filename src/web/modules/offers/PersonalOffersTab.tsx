import {
  Badge,
  Button,
  Code,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGift, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { createOffer, dayOf, deleteOffer, personalOffersQuery, pick, segmentsQuery } from './api';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function OfferForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const segments = useQuery(segmentsQuery);
  const [titleRu, setTitleRu] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [textRu, setTextRu] = useState('');
  const [textEn, setTextEn] = useState('');
  const [promoCode, setPromoCode] = useState('');
  const [until, setUntil] = useState(inDays(30));
  const [segmentIds, setSegmentIds] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      createOffer({
        titleRu,
        titleEn: titleEn || null,
        textRu,
        textEn: textEn || null,
        promoCode: promoCode || null,
        validUntil: new Date(new Date(`${until}T00:00:00`).getTime() + 86_400_000).toISOString(),
        segmentIds,
        active: true,
      }),
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
          <TextInput
            label={t('offers.promoCode')}
            value={promoCode}
            onChange={(e) => setPromoCode(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('offers.admin.validUntil')}
            required
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('offers.admin.segments')}
          required
          data={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={segmentIds}
          onChange={setSegmentIds}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('offers.admin.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('offers.admin.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Personal offers assigned to segments, with how many people dismissed each. */
export function PersonalOffersTab() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const query = useQuery(personalOffersQuery);
  const segments = useQuery(segmentsQuery);
  const names = new Map((segments.data?.items ?? []).map((s) => [s.id, s.name]));
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: (id: string) => deleteOffer(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['offers-admin'] }),
  });
  return (
    <Stack gap="md">
      {adding ? (
        <OfferForm onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('offers.admin.newOffer')}
          </Button>
        </Group>
      )}
      {query.isPending ? (
        <Skeleton h={120} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <StateMessage icon={<IconGift size={28} />} role="status" title={t('offers.admin.noOffers')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="offers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offers.admin.titleRu')}</Table.Th>
                <Table.Th>{t('offers.promoCode')}</Table.Th>
                <Table.Th>{t('offers.admin.validUntil')}</Table.Th>
                <Table.Th>{t('offers.admin.segments')}</Table.Th>
                <Table.Th>{t('offers.admin.dismissals')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('offers.admin.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {pick(o.title, i18n.language)}
                    </Text>
                    {o.active ? null : <Badge color="gray">{t('offers.admin.paused')}</Badge>}
                  </Table.Td>
                  <Table.Td>{o.promoCode ? <Code>{o.promoCode}</Code> : '—'}</Table.Td>
                  <Table.Td>{dayOf(o.validUntil, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.segmentIds.map((id) => names.get(id) ?? '—').join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{o.dismissals}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(o.id)}>
                      {t('offers.admin.delete')}
                    </Button>
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
