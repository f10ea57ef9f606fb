import { Anchor, Badge, Card, CloseButton, Code, Group, Stack, Text } from '@mantine/core';
import { IconDiscount2, IconGift } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type CatalogScope, catalogPath, productPath } from '../catalog/scope';
import { dayOf, type PersonalOffer, type Promotion, pick } from './api';

/** Where a promotion's link leads, or the promo code it shows. */
function PromotionLink({ promotion, scope }: { promotion: Promotion; scope: CatalogScope }) {
  const { t } = useTranslation();
  const link = promotion.link;
  if (!link) return null;
  if (link.kind === 'promo_code') {
    return (
      <Text size="sm">
        {t('offers.promoCode')} <Code fw={700}>{link.value}</Code>
      </Text>
    );
  }
  const to =
    link.kind === 'product'
      ? productPath(scope, link.value)
      : `${catalogPath(scope)}?category=${encodeURIComponent(link.value)}`;
  return (
    <Anchor size="sm" fw={600} renderRoot={(props) => <Link to={to} {...props} />}>
      {t(link.kind === 'product' ? 'offers.toProduct' : 'offers.toCategory')}
    </Anchor>
  );
}

/** A promotion banner: title, text, period end and its link or code. */
export function PromotionCard({
  promotion,
  scope,
  compact = false,
}: {
  promotion: Promotion;
  scope: CatalogScope;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const title = pick(promotion.title, i18n.language);
  const text = pick(promotion.text, i18n.language);
  return (
    <Card
      withBorder
      radius="md"
      padding={compact ? 'sm' : 'md'}
      component="article"
      aria-label={title}
      data-testid="promotion-card"
      style={{ borderInlineStart: '4px solid var(--mantine-primary-color-filled)' }}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconDiscount2 size={20} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
          <Text fw={700} size={compact ? 'sm' : 'md'}>
            {title}
          </Text>
        </Group>
        {text && !compact ? (
          <Text size="sm" c="dimmed">
            {text}
          </Text>
        ) : null}
        <Group gap="sm" justify="space-between" wrap="wrap">
          <PromotionLink promotion={promotion} scope={scope} />
          <Text size="xs" c="dimmed">
            {t('offers.until', { date: dayOf(promotion.endsAt, i18n.language) })}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

/** A personal offer with its code and validity, and a button to hide it. */
export function OfferCard({ offer, onDismiss }: { offer: PersonalOffer; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  const title = pick(offer.title, i18n.language);
  const text = pick(offer.text, i18n.language);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={title} data-testid="offer-card">
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconGift size={20} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
            <Text fw={700}>{title}</Text>
          </Group>
          <CloseButton
            size="sm"
            aria-label={t('offers.dismiss', { title })}
            onClick={onDismiss}
            data-testid="offer-dismiss"
          />
        </Group>
        <Badge variant="light" w="fit-content">
          {t('offers.personal')}
        </Badge>
        {text ? (
          <Text size="sm" c="dimmed">
            {text}
          </Text>
        ) : null}
        <Group gap="sm" justify="space-between" wrap="wrap">
          {offer.promoCode ? (
            <Text size="sm">
              {t('offers.promoCode')} <Code fw={700}>{offer.promoCode}</Code>
            </Text>
          ) : (
            <span />
          )}
          <Text size="xs" c="dimmed">
            {t('offers.until', { date: dayOf(offer.validUntil, i18n.language) })}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
