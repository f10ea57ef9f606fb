import {
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import {
  createSegment,
  customerGroupsQuery,
  deleteSegment,
  type Segment,
  type SegmentRules,
  segmentPreviewQuery,
  segmentsQuery,
} from './api';

const kinds = ['client', 'partner', 'supplier'] as const;

function PreviewCount({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery(segmentPreviewQuery(id));
  if (query.isPending) return <Skeleton h={20} w={40} />;
  if (query.isError) return <Text size="sm">—</Text>;
  return (
    <Badge variant="light" data-testid="segment-count">
      {t('offers.admin.people', { count: query.data.count })}
    </Badge>
  );
}

/** A one-line reading of a segment's rules. */
function useRulesText() {
  const { t } = useTranslation();
  return (rules: SegmentRules, personIds: string[]) =>
    [
      t(`offers.admin.audience.${rules.audience}`),
      rules.newWithinDays ? t('offers.admin.newWithin', { days: rules.newWithinDays }) : null,
      rules.tierCodes?.length ? `${t('offers.admin.tiers')}: ${rules.tierCodes.join(', ')}` : null,
      rules.companyKinds?.length
        ? `${t('offers.admin.kinds')}: ${rules.companyKinds.map((k) => t(`offers.admin.kind.${k}`)).join(', ')}`
        : null,
      rules.customerGroupIds?.length ? `${t('offers.admin.groups')}: ${rules.customerGroupIds.length}` : null,
      personIds.length ? t('offers.admin.listed', { count: personIds.length }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

function SegmentForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const groups = useQuery(customerGroupsQuery);
  const [name, setName] = useState('');
  const [audience, setAudience] = useState<SegmentRules['audience']>('retail');
  const [days, setDays] = useState<number | string>('');
  const [tiers, setTiers] = useState<string[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [companyKinds, setCompanyKinds] = useState<string[]>([]);
  const [personIds, setPersonIds] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      createSegment({
        name,
        description: null,
        personIds,
        rules: {
          audience,
          newWithinDays: typeof days === 'number' && days > 0 ? days : null,
          tierCodes: tiers.length ? tiers : null,
          customerGroupIds: groupIds.length ? groupIds : null,
          companyKinds: companyKinds.length ? (companyKinds as SegmentRules['companyKinds']) : null,
        },
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
        <TextInput
          label={t('offers.admin.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label={t('offers.admin.audienceLabel')}
          data={(['retail', 'company', 'any'] as const).map((a) => ({
            value: a,
            label: t(`offers.admin.audience.${a}`),
          }))}
          value={audience}
          onChange={(v) => setAudience((v as SegmentRules['audience']) ?? 'retail')}
          allowDeselect={false}
        />
        <NumberInput
          label={t('offers.admin.newWithinLabel')}
          min={1}
          max={3650}
          value={days}
          onChange={setDays}
        />
        <TagsInput label={t('offers.admin.tiers')} value={tiers} onChange={setTiers} />
        <MultiSelect
          label={t('offers.admin.groups')}
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={groupIds}
          onChange={setGroupIds}
        />
        <MultiSelect
          label={t('offers.admin.kinds')}
          data={kinds.map((k) => ({ value: k, label: t(`offers.admin.kind.${k}`) }))}
          value={companyKinds}
          onChange={setCompanyKinds}
        />
        <TagsInput label={t('offers.admin.personIds')} value={personIds} onChange={setPersonIds} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('offers.admin.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="segment-save">
            {t('offers.admin.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Segments with their rules and how many people each takes in now. */
export function SegmentsTab() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery(segmentsQuery);
  const [adding, setAdding] = useState(false);
  const rulesText = useRulesText();
  const remove = useMutation({
    mutationFn: (id: string) => deleteSegment(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['offers-admin'] }),
    onError: () => notifications.show({ color: 'red', message: t('offers.admin.segmentInUse') }),
  });
  return (
    <Stack gap="md">
      {adding ? (
        <SegmentForm onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('offers.admin.newSegment')}
          </Button>
        </Group>
      )}
      {query.isPending ? (
        <Skeleton h={120} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <StateMessage
          icon={<IconUsersGroup size={28} />}
          role="status"
          title={t('offers.admin.noSegments')}
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="segments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offers.admin.name')}</Table.Th>
                <Table.Th>{t('offers.admin.rules')}</Table.Th>
                <Table.Th>{t('offers.admin.members')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('offers.admin.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((s: Segment) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{rulesText(s.rules, s.personIds)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <PreviewCount id={s.id} />
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(s.id)}>
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
