import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { AuditEntry } from './api';
import classes from './backoffice.module.css';

/** Audit entries: who, what, when, IP and user agent. */
export function AuditList({ entries, label }: { entries: AuditEntry[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const who = (entry: AuditEntry) => {
    if (entry.actorKind === 'operator') return t('backoffice.audit.operator');
    if (entry.actorKind === 'system') return t('backoffice.audit.system');
    return entry.actorId ?? t('backoffice.audit.anonymous');
  };
  return (
    <ul className={classes.list} aria-label={label} data-testid="audit-list">
      {entries.map((entry) => (
        <li key={entry.id} className={classes.auditItem} data-testid="audit-row">
          <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
              <Group gap={6} wrap="wrap">
                <Badge variant="light" size="sm" tt="none" data-testid="audit-action">
                  {entry.action}
                </Badge>
                {entry.subject ? (
                  <Text size="sm" className={classes.wrap}>
                    {entry.subject}
                  </Text>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" className={classes.wrap}>
                {t('backoffice.audit.who')}: {who(entry)}
                {typeof entry.details.impersonatedBy === 'string'
                  ? ` (${t('backoffice.audit.impersonatedBy', { id: entry.details.impersonatedBy })})`
                  : ''}
              </Text>
              <Text size="xs" c="dimmed" className={classes.wrap}>
                {t('backoffice.audit.where')}: {entry.ip ?? '—'}
                {entry.userAgent ? ` · ${entry.userAgent}` : ''}
              </Text>
            </Stack>
            <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
              {format.dateTime(entry.at)}
            </Text>
          </Group>
        </li>
      ))}
    </ul>
  );
}
