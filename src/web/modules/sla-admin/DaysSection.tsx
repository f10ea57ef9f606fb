import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarOff, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { allSlaQueries, type CalendarDay, daysQuery, problemText, send } from './api';
import { dateText } from './format';
import { Section } from './Section';

/** Holidays and transferred working days of a year: the list, one date to add, and a list of dates to import. */
export function DaysSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const days = useQuery(daysQuery(year));
  const refresh = () => client.invalidateQueries({ queryKey: allSlaQueries });
  const remove = useMutation({
    mutationFn: (date: string) => send('DELETE', `/days/${date}`),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: problemText(error) }),
  });
  let list: React.ReactNode;
  if (days.isPending) list = <ListSkeleton />;
  else if (days.isError) list = <ErrorState error={days.error} onRetry={() => void days.refetch()} />;
  else if (days.data.length === 0)
    list = (
      <StateMessage role="status" icon={<IconCalendarOff size={28} />} title={t('sla-admin.days.empty')} />
    );
  else
    list = (
      <Table.ScrollContainer minWidth={340}>
        <Table striped withTableBorder verticalSpacing="xs" data-testid="sla-days">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sla-admin.days.date')}</Table.Th>
              <Table.Th>{t('sla-admin.days.name')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('sla-admin.days.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.data.map((d) => (
              <DayRow key={d.date} day={d} locale={i18n.language} onRemove={() => remove.mutate(d.date)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <Section id="sla-days" title={t('sla-admin.days.title')} hint={t('sla-admin.days.hint')}>
      <Select
        label={t('sla-admin.days.year')}
        data={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map(String)}
        value={String(year)}
        allowDeselect={false}
        onChange={(v) => setYear(Number(v ?? thisYear))}
        maw={160}
      />
      {list}
      <AddDay
        onAdded={(date) => (date.startsWith(String(year)) ? undefined : setYear(Number(date.slice(0, 4))))}
      />
      <ImportDays />
    </Section>
  );
}

function DayRow({ day, locale, onRemove }: { day: CalendarDay; locale: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const label = dateText(day.date, locale);
  return (
    <Table.Tr>
      <Table.Td>
        <Text>{label}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          {day.kind === 'workday' ? (
            <Badge color="teal">
              {t('sla-admin.days.workday')} {day.hours?.map((h) => `${h.start}–${h.end}`).join(', ')}
            </Badge>
          ) : null}
          <Text>{day.name || '—'}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('sla-admin.days.remove', { date: label })}
          onClick={onRemove}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

function AddDay({ onAdded }: { onAdded: (date: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('18:00');
  const add = useMutation({
    mutationFn: () =>
      send('POST', '/days', {
        date,
        name: name.trim(),
        kind,
        hours: kind === 'workday' ? [{ start, end }] : null,
      }),
    onSuccess: () => {
      onAdded(date);
      setDate('');
      setName('');
      void client.invalidateQueries({ queryKey: allSlaQueries });
    },
  });
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        add.mutate();
      }}
    >
      <Stack gap="xs">
        <Text fw={500}>{t('sla-admin.days.add')}</Text>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'holiday' | 'workday')}
          data={[
            { value: 'holiday', label: t('sla-admin.days.holiday') },
            { value: 'workday', label: t('sla-admin.days.workday') },
          ]}
          aria-label={t('sla-admin.days.kind')}
          maw={360}
        />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('sla-admin.days.date')}
            required
            value={date}
            onChange={(ev) => setDate(ev.currentTarget.value)}
            w={170}
          />
          <TextInput
            label={t('sla-admin.days.name')}
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            w={220}
          />
          {kind === 'workday' ? (
            <>
              <TextInput
                type="time"
                label={t('sla-admin.days.opens')}
                value={start}
                onChange={(ev) => setStart(ev.currentTarget.value)}
                w={110}
              />
              <TextInput
                type="time"
                label={t('sla-admin.days.closes')}
                value={end}
                onChange={(ev) => setEnd(ev.currentTarget.value)}
                w={110}
              />
            </>
          ) : null}
          <Button type="submit" loading={add.isPending}>
            {t('sla-admin.days.addButton')}
          </Button>
        </Group>
        {add.isError ? (
          <Alert color="red" role="alert">
            {problemText(add.error)}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

/** Lines «2027-01-11 Name» become holidays (an existing date is replaced). */
function parseLines(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [date = '', ...rest] = line.split(/\s+/);
      return { date, kind: 'holiday' as const, name: rest.join(' ') };
    });
}

function ImportDays() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const importDays = useMutation({
    mutationFn: () => send<{ imported: number }>('POST', '/days/import', { days: parseLines(text) }),
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: t('sla-admin.days.imported', { count: r.imported }) });
      setText('');
      void client.invalidateQueries({ queryKey: allSlaQueries });
    },
  });
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        importDays.mutate();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('sla-admin.days.import')}
          description={t('sla-admin.days.importHint')}
          autosize
          minRows={3}
          value={text}
          onChange={(ev) => setText(ev.currentTarget.value)}
        />
        {importDays.isError ? (
          <Alert color="red" role="alert">
            {problemText(importDays.error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" variant="default" disabled={!text.trim()} loading={importDays.isPending}>
            {t('sla-admin.days.importButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
