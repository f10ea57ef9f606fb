import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconReceiptRefund, IconTruck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { Claim, ReturnRequest } from './api';

/** The part of the customer's order (docs/orders.md, "Order JSON") this block reads. */
export interface AftercareOrder {
  id: string;
  shipments: unknown[];
  can: { return?: boolean; claim?: boolean };
  returns?: ReturnRequest[];
  claims?: Claim[];
}

/**
 * Aftercare on the customer's order page: "Track" when something shipped, "Return items" (a person's
 * delivered order) or "File a claim" (a company's shipped order), and the order's returns and claims.
 */
export function OrderAftercareLinks({ order, orgId }: { order: AftercareOrder; orgId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = order;
  const base = orgId ? `/orgs/${orgId}/orders/${order.id}` : `/orders/${order.id}`;
  const returns = order.returns ?? [];
  const claims = order.claims ?? [];
  const canReturn = !orgId && can.return === true;
  const canClaim = !!orgId && can.claim === true;
  if (!order.shipments.length && !canReturn && !canClaim && !returns.length && !claims.length) return null;
  return (
    <Card withBorder data-testid="order-aftercare">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('order-aftercare.links.title')}
        </Title>
        <Group gap="xs" wrap="wrap">
          {order.shipments.length ? (
            <Button
              variant="light"
              leftSection={<IconTruck size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to={`${base}/tracking`} {...props} />}
            >
              {t('order-aftercare.links.track')}
            </Button>
          ) : null}
          {canReturn ? (
            <Button
              variant="light"
              leftSection={<IconReceiptRefund size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to={`${base}/return`} {...props} />}
            >
              {t('order-aftercare.links.return')}
            </Button>
          ) : null}
          {canClaim ? (
            <Button
              variant="light"
              color="orange"
              leftSection={<IconAlertTriangle size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to={`${base}/claim`} {...props} />}
            >
              {t('order-aftercare.links.claim')}
            </Button>
          ) : null}
        </Group>
        {returns.length ? (
          <Stack gap={4} data-testid="order-returns">
            <Text fw={600} size="sm">
              {t('order-aftercare.links.returns')}
            </Text>
            {returns.map((r) => (
              <Group key={r.id} justify="space-between" wrap="wrap" gap="xs" data-testid="order-return">
                <Anchor size="sm" renderRoot={(props) => <Link to="/returns" {...props} />}>
                  {r.number}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {f.dateTime(r.createdAt)}
                </Text>
                <Badge variant="light">
                  {t(`order-aftercare.returnStatus.${r.status}` as 'order-aftercare.returnStatus.requested')}
                </Badge>
              </Group>
            ))}
          </Stack>
        ) : null}
        {claims.length ? (
          <Stack gap={4} data-testid="order-claims">
            <Text fw={600} size="sm">
              {t('order-aftercare.links.claims')}
            </Text>
            {claims.map((c) => (
              <Group key={c.id} justify="space-between" wrap="wrap" gap="xs" data-testid="order-claim">
                <Anchor
                  size="sm"
                  renderRoot={(props) => <Link to={`/orgs/${orgId}/claims/${c.id}`} {...props} />}
                >
                  {c.number}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`order-aftercare.claimKinds.${c.kind}` as 'order-aftercare.claimKinds.defect')}
                </Text>
                <Badge variant="light">
                  {t(`order-aftercare.claimStatus.${c.status}` as 'order-aftercare.claimStatus.submitted')}
                </Badge>
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
