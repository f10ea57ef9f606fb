import { Group, Select, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Priority, previewQuery, priorities } from './api';
import { duration, when } from './format';
import { Section } from './Section';

/** «A request created now with priority X gets a first answer by …»: the settings below, applied. */
export function PreviewCard({
  groups,
  timeZone,
}: {
  groups: { id: string; name: string }[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const [priority, setPriority] = useState<Priority>('normal');
  const [group, setGroup] = useState<string | null>(null);
  const preview = useQuery(previewQuery(priority, group));
  const p = preview.data;
  return (
    <Section id="sla-preview" title={t('sla-admin.preview.title')}>
      <Group grow preventGrowOverflow={false} wrap="wrap" align="flex-end">
        <Select
          label={t('sla-admin.priority')}
          data={priorities.map((value) => ({ value, label: t(`sla-admin.priorities.${value}`) }))}
          value={priority}
          allowDeselect={false}
          onChange={(v) => setPriority((v as Priority | null) ?? 'normal')}
          miw={160}
        />
        <Select
          label={t('sla-admin.group')}
          data={[
            { value: '', label: t('sla-admin.everyone') },
            ...groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
          value={group ?? ''}
          allowDeselect={false}
          onChange={(v) => setGroup(v || null)}
          miw={160}
        />
      </Group>
      {p ? (
        <Text
          data-testid="sla-preview"
          data-first-response={p.firstResponseDueAt}
          data-resolution={p.resolutionDueAt}
          aria-live="polite"
        >
          {t('sla-admin.preview.sentence', {
            priority: t(`sla-admin.priorities.${priority}`),
            firstResponse: when(p.firstResponseDueAt, i18n.language, p.timeZone),
            resolution: when(p.resolutionDueAt, i18n.language, p.timeZone),
            firstIn: duration(t, p.firstResponseMinutes),
            resolveIn: duration(t, p.resolutionMinutes),
          })}
        </Text>
      ) : preview.isError ? (
        <Text c="red">{t('sla-admin.preview.failed')}</Text>
      ) : (
        <Skeleton h={40} />
      )}
      <Text size="sm" c="dimmed">
        {t('sla-admin.preview.zone', { zone: timeZone })}
      </Text>
    </Section>
  );
}
