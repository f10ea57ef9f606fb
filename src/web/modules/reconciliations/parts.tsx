import { Badge, Card, Checkbox, Group, Progress, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  day,
  inProgress,
  money,
  type Reconciliation,
  type ReconciliationDetail,
  type ReconciliationLine,
  type ReconciliationStatus,
} from './api';

/** The status of an act as a badge (`testId`: the act page's own badge is told apart from the list's). */
export function StatusBadge({
  status,
  testId = 'act-status',
}: {
  status: ReconciliationStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  const color: Record<ReconciliationStatus, string> = {
    queued: 'gray',
    running: 'blue',
    ready: 'cyan',
    failed: 'red',
    confirmed: 'green',
    disputed: 'orange',
    resolved: 'teal',
  };
  return (
    <Badge color={color[status]} variant="light" data-testid={testId}>
      {t(`reconciliations.status.${status}`)}
    </Badge>
  );
}

/** Progress of an act being drawn up. */
export function ActProgress({ act }: { act: Reconciliation }) {
  const { t } = useTranslation();
  if (!inProgress(act.status)) return null;
  return (
    <Progress
      value={act.progress}
      animated
      aria-label={t('reconciliations.progress', { percent: act.progress })}
      data-testid="act-progress"
    />
  );
}

/** The act's lines: a table on a wide screen, cards on a phone. */
export function LinesView({
  act,
  selectable,
  selected,
  onToggle,
}: {
  act: ReconciliationDetail;
  selectable?: boolean;
  selected?: Set<number>;
  onToggle?: (lineId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const disputeOf = (l: ReconciliationLine) => act.disputes.find((d) => d.lineId === l.lineId);
  const pick = (l: ReconciliationLine) =>
    selectable ? (
      <Checkbox
        aria-label={t('reconciliations.pickLine', { n: l.lineId })}
        checked={selected?.has(l.lineId) ?? false}
        onChange={() => onToggle?.(l.lineId)}
      />
    ) : null;
  const note = (l: ReconciliationLine) => {
    const d = disputeOf(l);
    if (!d) return null;
    return (
      <Text size="sm" c="orange.9">
        {t('reconciliations.disputeNote', { comment: d.comment })}
        {d.theirAmount !== null ? ` (${money(d.theirAmount, i18n.language)})` : ''}
        {d.answer ? ` — ${t(`reconciliations.answer.${d.answer}`)}: ${d.answerComment ?? ''}` : ''}
      </Text>
    );
  };
  if (act.lines.length === 0) return <Text c="dimmed">{t('reconciliations.noLines')}</Text>;
  if (!wide)
    return (
      <Stack gap="xs">
        {act.lines.map((l) => (
          <Card withBorder key={l.lineId} data-testid="act-line">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {l.lineId}. {day(l.date, i18n.language)}
                </Text>
                <Text size="sm">{l.description}</Text>
                <Text size="sm">
                  {l.debit ? `${t('reconciliations.debit')}: ${money(l.debit, i18n.language)}` : ''}
                  {l.credit ? `${t('reconciliations.credit')}: ${money(l.credit, i18n.language)}` : ''}
                </Text>
                {note(l)}
              </Stack>
              {pick(l)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          {selectable ? (
            <Table.Th>
              <VisuallyHidden>{t('reconciliations.pick')}</VisuallyHidden>
            </Table.Th>
          ) : null}
          <Table.Th>№</Table.Th>
          <Table.Th>{t('reconciliations.date')}</Table.Th>
          <Table.Th>{t('reconciliations.document')}</Table.Th>
          <Table.Th ta="right">{t('reconciliations.debit')}</Table.Th>
          <Table.Th ta="right">{t('reconciliations.credit')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {act.lines.map((l) => (
          <Table.Tr key={l.lineId} data-testid="act-line">
            {selectable ? <Table.Td>{pick(l)}</Table.Td> : null}
            <Table.Td>{l.lineId}</Table.Td>
            <Table.Td>{day(l.date, i18n.language)}</Table.Td>
            <Table.Td>
              {l.description}
              {note(l)}
            </Table.Td>
            <Table.Td ta="right">{l.debit ? money(l.debit, i18n.language) : ''}</Table.Td>
            <Table.Td ta="right">{l.credit ? money(l.credit, i18n.language) : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Opening, turnovers and closing. */
export function Totals({ act }: { act: ReconciliationDetail }) {
  const { t, i18n } = useTranslation();
  const row = (label: string, value: number | null, id: string) => (
    <Group justify="space-between" data-testid={id}>
      <Text>{label}</Text>
      <Text fw={600}>{money(value, i18n.language)}</Text>
    </Group>
  );
  return (
    <Card withBorder maw={480}>
      <Stack gap={4}>
        {row(t('reconciliations.opening'), act.opening, 'act-opening')}
        {row(t('reconciliations.debitTotal'), act.debit, 'act-debit')}
        {row(t('reconciliations.creditTotal'), act.credit, 'act-credit')}
        {row(t('reconciliations.closing'), act.closing, 'act-closing')}
        <Text size="xs" c="dimmed">
          {t('reconciliations.sign')}
        </Text>
      </Stack>
    </Card>
  );
}
