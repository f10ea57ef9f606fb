import { Alert, Badge, Box, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconSun } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { cardQuery, groupedNumber, type LoyaltyCard, money, tierName } from './api';
import classes from './card.module.css';

/** The person's loyalty card, made to be shown at a till from a phone: a large barcode, the QR code, the digits. */
export function CardPage() {
  const { t } = useTranslation();
  usePageTitle(t('loyalty-card.title'));
  const card = useQuery(cardQuery);
  let body: React.ReactNode;
  if (card.isError) body = <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  else if (!card.data) body = <ListSkeleton />;
  else body = <CardView card={card.data} />;
  return (
    <>
      <PageHeader title={t('loyalty-card.title')} description={t('loyalty-card.description')} />
      {body}
    </>
  );
}

function CardView({ card }: { card: LoyaltyCard }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const next = card.progress.next;
  const reached = next
    ? Math.min(100, Math.round((card.progress.spend / Math.max(1, next.minSpend)) * 100))
    : 100;
  return (
    <Stack gap="md" maw={480} mx="auto" data-testid="loyalty-card">
      <Paper radius="lg" p="md" className={classes.card} data-tier={card.tier?.code ?? 'none'}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="xs" tt="uppercase" fw={700} className={classes.label}>
              {t('loyalty-card.holder')}
            </Text>
            <Title order={2} size="h3" data-testid="loyalty-card-holder">
              {card.holderName}
            </Title>
          </div>
          <Badge size="lg" variant="white" color="dark" data-testid="loyalty-card-tier">
            {card.tier ? tierName(card.tier, locale) : t('loyalty-card.noTier')}
          </Badge>
        </Group>
        <Box
          className={classes.barcode}
          role="img"
          aria-label={t('loyalty-card.barcodeLabel', { number: card.number })}
          data-testid="loyalty-card-barcode"
          // The server renders the SVG from the card's 13 digits only.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted server-rendered SVG
          dangerouslySetInnerHTML={{ __html: card.barcodeSvg }}
        />
        <Text ta="center" ff="monospace" fz={{ base: 22, sm: 26 }} fw={700} data-testid="loyalty-card-number">
          {groupedNumber(card.number)}
        </Text>
      </Paper>
      <Paper withBorder radius="lg" p="md">
        <Stack align="center" gap="xs">
          <Box
            className={classes.qr}
            role="img"
            aria-label={t('loyalty-card.qrLabel', { number: card.number })}
            data-testid="loyalty-card-qr"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted server-rendered SVG
            dangerouslySetInnerHTML={{ __html: card.qrSvg }}
          />
          <Text size="sm" c="dimmed" ta="center">
            {t('loyalty-card.qrHint')}
          </Text>
        </Stack>
      </Paper>
      <Alert
        icon={<IconSun size={18} />}
        color="yellow"
        variant="light"
        title={t('loyalty-card.brightnessTitle')}
      >
        {t('loyalty-card.brightness')}
      </Alert>
      <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="loyalty-tier-progress">
        <Stack gap="xs">
          <Title order={2} size="h4" id="loyalty-tier-progress">
            {t('loyalty-card.progressTitle')}
          </Title>
          <Text size="sm">
            {t('loyalty-card.spend', {
              amount: money(card.progress.spend, locale),
              days: card.progress.periodDays,
            })}
          </Text>
          {next ? (
            <>
              <Progress value={reached} aria-label={t('loyalty-card.progressLabel')} />
              <Text size="sm" data-testid="loyalty-card-next">
                {next.spendLeft > 0
                  ? t('loyalty-card.spendLeft', {
                      amount: money(next.spendLeft, locale),
                      tier: tierName(next, locale),
                    })
                  : t('loyalty-card.nextSoon', { tier: tierName(next, locale) })}
              </Text>
            </>
          ) : (
            <Text size="sm">{t('loyalty-card.top')}</Text>
          )}
          {card.tier ? (
            <Text size="sm" c="dimmed">
              {t('loyalty-card.rate', { rate: card.tier.accrualBp / 100 })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
