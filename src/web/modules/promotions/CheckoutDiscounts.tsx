import { Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDiscount2 } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatMoney,
  type PreviewRequest,
  previewDiscounts,
  previewQuery,
  type Refusal,
  refusalOf,
} from './api';

/** What the customer chose at checkout: a promo code and bonus points, and what the preview says they take off. */
export interface CheckoutDiscountsValue {
  promoCode?: string;
  bonusPoints?: number;
  /** Kopecks the last preview took off the items (0 until a code or points are applied). */
  amount: number;
}

export interface CheckoutDiscountsProps {
  /** The scope's API base (`/api/v1/me` or `/api/v1/orgs/:orgId`). */
  apiBase: string;
  /** The lines going to checkout as the place request sends them (`cartId` or `lines`). */
  source: Record<string, unknown>;
  deliveryCost: number;
  value: CheckoutDiscountsValue;
  onChange: (value: CheckoutDiscountsValue) => void;
}

function useRefusalText() {
  const { t, i18n } = useTranslation();
  return (r: Refusal) =>
    t(`promotions.reasons.${r.reason}` as 'promotions.reasons.unknown', {
      missing: formatMoney(r.missing ?? 0, i18n.language),
      defaultValue: r.text,
    });
}

/** The checkout's promo-code field and bonus-points block, with the preview of what they take off. */
export function CheckoutDiscounts({
  apiBase,
  source,
  deliveryCost,
  value,
  onChange,
}: CheckoutDiscountsProps) {
  const { t, i18n } = useTranslation();
  const money = (k: number) => formatMoney(k, i18n.language);
  const refusalText = useRefusalText();
  const [code, setCode] = useState('');
  const [points, setPoints] = useState<number | string>('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const personal = apiBase === '/api/v1/me';
  const request: PreviewRequest = {
    source,
    promoCode: value.promoCode,
    bonusPoints: value.bonusPoints,
    deliveryCost,
  };
  // The current choice, re-previewed when the lines or the delivery change.
  const current = useQuery(previewQuery(apiBase, request));
  const amount = current.data?.amount;
  useEffect(() => {
    if (amount !== undefined && amount !== value.amount) onChange({ ...value, amount });
  }, [amount, value, onChange]);
  useEffect(() => {
    const r = refusalOf(current.error);
    if (!r) return;
    // The lines changed and the choice no longer holds: drop it and say why.
    setRefusal(r);
    onChange({ amount: 0 });
  }, [current.error, onChange]);

  const apply = useMutation({
    mutationFn: (next: { promoCode?: string | undefined; bonusPoints?: number | undefined }) =>
      previewDiscounts(apiBase, { source, deliveryCost, ...next }),
    onSuccess: (preview, next) => {
      setRefusal(null);
      onChange({
        ...(next.promoCode ? { promoCode: next.promoCode } : {}),
        ...(next.bonusPoints ? { bonusPoints: next.bonusPoints } : {}),
        amount: preview.amount,
      });
    },
    onError: (error) =>
      setRefusal(refusalOf(error) ?? { field: 'promoCode', reason: '', text: error.message }),
  });
  const applyCode = () => {
    if (!code.trim()) return;
    apply.mutate({ promoCode: code.trim(), bonusPoints: value.bonusPoints });
  };
  const bonus = current.data?.bonus ?? null;
  const promo = current.data?.discounts.find((d) => d.kind === 'promo');
  const spent = current.data?.discounts.find((d) => d.kind === 'bonus');
  const codeError = refusal?.field === 'promoCode' ? refusalText(refusal) : null;
  const pointsError = refusal?.field === 'bonusPoints' ? refusalText(refusal) : null;
  return (
    <Card withBorder data-testid="checkout-discounts">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('promotions.checkout.title')}
        </Title>
        {value.promoCode ? (
          <Group justify="space-between" wrap="wrap" gap="xs" data-testid="promo-applied">
            <Group gap="xs">
              <Badge leftSection={<IconDiscount2 size={14} aria-hidden="true" />} variant="light">
                {value.promoCode.toUpperCase()}
              </Badge>
              {promo ? <Text size="sm">−{money(promo.amount)}</Text> : null}
            </Group>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setCode('');
                if (value.bonusPoints) apply.mutate({ bonusPoints: value.bonusPoints });
                else onChange({ amount: 0 });
              }}
            >
              {t('promotions.checkout.remove')}
            </Button>
          </Group>
        ) : (
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              label={t('promotions.checkout.code')}
              placeholder={t('promotions.checkout.codePlaceholder')}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                if (refusal?.field === 'promoCode') setRefusal(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  applyCode();
                }
              }}
              error={codeError}
              autoCapitalize="characters"
              style={{ flex: 1, minWidth: 0 }}
              maw={320}
              data-testid="promo-input"
            />
            <Button
              mt={25}
              variant="default"
              onClick={applyCode}
              loading={apply.isPending}
              disabled={!code.trim()}
              data-testid="promo-apply"
            >
              {t('promotions.checkout.apply')}
            </Button>
          </Group>
        )}
        {personal && bonus ? (
          <Stack gap={4} data-testid="bonus-block">
            <Text size="sm">
              {t('promotions.checkout.balance', { points: bonus.balance })}
              {bonus.maxPoints > 0 ? ` · ${t('promotions.checkout.max', { points: bonus.maxPoints })}` : ''}
            </Text>
            {spent ? (
              <Group justify="space-between" gap="xs">
                <Text size="sm">
                  {t('promotions.checkout.spent', { points: spent.points ?? 0, amount: money(spent.amount) })}
                </Text>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => apply.mutate({ promoCode: value.promoCode })}
                >
                  {t('promotions.checkout.remove')}
                </Button>
              </Group>
            ) : bonus.maxPoints > 0 ? (
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <NumberInput
                  label={t('promotions.checkout.points')}
                  value={points}
                  onChange={setPoints}
                  min={1}
                  max={bonus.maxPoints}
                  allowDecimal={false}
                  error={pointsError}
                  maw={200}
                />
                <Button
                  mt={25}
                  variant="default"
                  disabled={!Number(points)}
                  loading={apply.isPending}
                  onClick={() => apply.mutate({ promoCode: value.promoCode, bonusPoints: Number(points) })}
                >
                  {t('promotions.checkout.spend')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
