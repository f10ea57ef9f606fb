import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { type ClaimRefusal, claimRefusals, type ReferralStatus } from './api';

const statusColor: Record<ReferralStatus, string> = {
  joined: 'blue',
  ordered: 'yellow',
  rewarded: 'teal',
  rejected: 'red',
};

/** A referral's status as a coloured badge. */
export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" data-testid="referral-status">
      {t(`referrals.status.${status}`)}
    </Badge>
  );
}

/** Roubles from kopecks in the UI language. */
export function useRubles() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'ru-RU', {
    style: 'currency',
    currency: 'RUB',
    maximumFractionDigits: 0,
  });
  return (kopecks: number) => format.format(kopecks / 100);
}

/** The refusal reason of a failed claim, when the server named one. */
export function refusalOf(error: unknown): ClaimRefusal | null {
  if (!isApiError(error, 400)) return null;
  const reason = error.errors.find((e) => e.path === 'code')?.message;
  return claimRefusals.includes(reason as ClaimRefusal) ? (reason as ClaimRefusal) : null;
}
