import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  allSlaQueries,
  type Calendar,
  type Interval,
  problemText,
  send,
  type Weekday,
  weekdays,
} from './api';
import { Section } from './Section';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Moscow'];
  }
};

/** The weekly working hours and the calendar's time zone; a day may have several intervals, or none. */
export function HoursEditor({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [week, setWeek] = useState(calendar.weeklyHours);
  const zoneList = useMemo(zones, []);
  const save = useMutation({
    mutationFn: () => send<Calendar>('PUT', '/calendar', { timeZone, weeklyHours: week }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('sla-admin.hoursSection.saved') });
      void client.invalidateQueries({ queryKey: allSlaQueries });
    },
  });
  const setDay = (day: Weekday, intervals: Interval[]) => setWeek((w) => ({ ...w, [day]: intervals }));
  return (
    <Section id="sla-hours" title={t('sla-admin.hoursSection.title')} hint={t('sla-admin.hoursSection.hint')}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Autocomplete
            label={t('sla-admin.hoursSection.timeZone')}
            data={zoneList}
            limit={20}
            value={timeZone}
            onChange={setTimeZone}
            maw={360}
          />
          {weekdays.map((day) => (
            <DayRow key={day} day={day} intervals={week[day]} onChange={(v) => setDay(day, v)} />
          ))}
          {save.isError ? (
            <Alert color="red" role="alert">
              {problemText(save.error)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('sla-admin.hoursSection.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function DayRow({
  day,
  intervals,
  onChange,
}: {
  day: Weekday;
  intervals: Interval[];
  onChange: (v: Interval[]) => void;
}) {
  const { t } = useTranslation();
  const dayName = t(`sla-admin.weekdays.${day}`);
  const set = (n: number, patch: Partial<Interval>) =>
    onChange(intervals.map((iv, i) => (i === n ? { ...iv, ...patch } : iv)));
  return (
    <Group align="flex-start" gap="sm" wrap="wrap" data-testid={`sla-day-${day}`}>
      <Checkbox
        w={150}
        mt={6}
        label={dayName}
        checked={intervals.length > 0}
        onChange={(ev) => onChange(ev.currentTarget.checked ? [{ start: '09:00', end: '18:00' }] : [])}
      />
      <Stack gap={6}>
        {intervals.length === 0 ? (
          <Text size="sm" c="dimmed" mt={6}>
            {t('sla-admin.hoursSection.dayOff')}
          </Text>
        ) : null}
        {intervals.map((iv, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place in the day
          <Group key={n} gap={6} wrap="nowrap">
            <TextInput
              type="time"
              aria-label={t('sla-admin.hoursSection.from', { day: dayName, n: n + 1 })}
              value={iv.start}
              onChange={(ev) => set(n, { start: ev.currentTarget.value })}
              w={110}
            />
            <Text aria-hidden>–</Text>
            <TextInput
              type="time"
              aria-label={t('sla-admin.hoursSection.to', { day: dayName, n: n + 1 })}
              value={iv.end === '24:00' ? '23:59' : iv.end}
              onChange={(ev) => set(n, { end: ev.currentTarget.value })}
              w={110}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('sla-admin.hoursSection.removeInterval', { day: dayName, n: n + 1 })}
              onClick={() => onChange(intervals.filter((_, i) => i !== n))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {intervals.length > 0 ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...intervals, { start: '', end: '' }])}
            aria-label={t('sla-admin.hoursSection.addIntervalTo', { day: dayName })}
          >
            {t('sla-admin.hoursSection.addInterval')}
          </Button>
        ) : null}
      </Stack>
    </Group>
  );
}
