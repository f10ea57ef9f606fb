import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sla } from './api';

/** The current time, refreshed every 30 seconds so countdowns tick without refetching. */
export function useNow(periodMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

/** "12 мин", "2 ч 5 мин", "1 д 3 ч". */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const m = Math.max(0, Math.round(minutes));
    if (m < 60) return t('support-desk.minutes', { count: m });
    if (m < 1440) return t('support-desk.hours', { count: Math.floor(m / 60), minutes: m % 60 });
    return t('support-desk.days', { count: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60) });
  };
}

/** Green with time to spare, amber within the last hour, red once overdue. */
export function SlaBadge({ sla }: { sla: Sla }) {
  const { t } = useTranslation();
  const now = useNow();
  const duration = useDuration();
  if (!sla.dueAt) return null;
  const left = (new Date(sla.dueAt).getTime() - now) / 60_000;
  const color = left < 0 ? 'red' : left < 60 ? 'yellow' : 'green';
  return (
    <Badge color={color} variant={left < 0 ? 'filled' : 'light'} autoContrast data-testid="sla-badge">
      {left < 0
        ? t('support-desk.sla.overdue', { time: duration(-left) })
        : t('support-desk.sla.left', { time: duration(left) })}
    </Badge>
  );
}

export const priorityColor = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' } as const;
