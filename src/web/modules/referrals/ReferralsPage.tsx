import {
  ActionIcon,
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  Image,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconGift, IconLogin, IconShare, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type MyReferrals, myReferralsQuery, pendingCode, type Referral, useClaim } from './api';
import { ReferralStatusBadge, refusalOf, useRubles } from './parts';

function useQr(link: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(link, { margin: 1, width: 180 }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [link]);
  return src;
}

/** My link and code: copy, share (Web Share API where there is one) and a QR code. */
function MyLink({ data }: { data: MyReferrals }) {
  const { t } = useTranslation();
  const qr = useQr(data.link);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const share = () =>
    void navigator
      .share({ title: t('referrals.shareTitle'), text: t('referrals.shareText'), url: data.link })
      .catch(() => undefined);
  return (
    <Card withBorder padding="lg">
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack gap="sm" style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <div>
            <Text size="sm" c="dimmed">
              {t('referrals.myCode')}
            </Text>
            <Group gap={6}>
              <Text fw={700} size="xl" ff="monospace" data-testid="referral-code">
                {data.code}
              </Text>
              <CopyButton value={data.code}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('referrals.copied') : t('referrals.copyCode')}>
                    <ActionIcon variant="subtle" onClick={copy} aria-label={t('referrals.copyCode')}>
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </div>
          <TextInput label={t('referrals.myLink')} value={data.link} readOnly data-testid="referral-link" />
          <Group gap="xs">
            <CopyButton value={data.link}>
              {({ copied, copy }) => (
                <Button
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={() => {
                    copy();
                    notifications.show({ message: t('referrals.copied'), color: 'teal' });
                  }}
                  data-testid="referral-copy"
                >
                  {copied ? t('referrals.copied') : t('referrals.copy')}
                </Button>
              )}
            </CopyButton>
            {canShare ? (
              <Button variant="light" leftSection={<IconShare size={16} />} onClick={share}>
                {t('referrals.share')}
              </Button>
            ) : null}
          </Group>
        </Stack>
        {qr ? <Image src={qr} alt={t('referrals.qr')} w={180} h={180} data-testid="referral-qr" /> : null}
      </Group>
    </Card>
  );
}

/** Entering a friend's code (prefilled with one a referral link left behind). */
function ClaimForm() {
  const { t } = useTranslation();
  const claim = useClaim();
  const [code, setCode] = useState(() => pendingCode.get() ?? '');
  const refusal = refusalOf(claim.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    claim.mutate(code.trim(), {
      onSuccess: () => {
        pendingCode.clear();
        notifications.show({ message: t('referrals.claim.done'), color: 'teal' });
      },
    });
  };
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} aria-label={t('referrals.claim.title')}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('referrals.claim.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('referrals.claim.lead')}
          </Text>
          <Group align="flex-start" gap="xs" wrap="wrap">
            <TextInput
              label={t('referrals.claim.label')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoComplete="off"
              maxLength={32}
              style={{ flex: '1 1 12rem' }}
              error={
                refusal
                  ? t(`referrals.claim.refused.${refusal}`)
                  : claim.isError
                    ? claim.error.message
                    : undefined
              }
            />
            <Button type="submit" mt={25} loading={claim.isPending}>
              {t('referrals.claim.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function FriendRow({ r }: { r: Referral }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder padding="md" data-testid="referral-item">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
          <Text fw={600}>{r.friend}</Text>
          <Text size="sm" c="dimmed">
            {t('referrals.joinedAt', { date: f.dateTime(r.joinedAt) })}
            {r.orderNumber ? ` · ${t('referrals.order', { number: r.orderNumber })}` : ''}
          </Text>
          {r.status === 'rejected' && r.rejectReason ? (
            <Text size="sm" c="red.9" data-testid="referral-reason">
              {t(`referrals.reason.${r.rejectReason}`)}
            </Text>
          ) : null}
        </Stack>
        <Stack gap={4} align="flex-end">
          <ReferralStatusBadge status={r.status} />
          {r.status === 'rewarded' ? (
            <Text size="sm" c="teal.9" fw={600}>
              {t('referrals.points', { count: r.referrerPoints })}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

/** `/referrals`: my link, code and QR, a friend's code to enter, and the friends I invited. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const rub = useRubles();
  const session = useQuery(sessionQuery);
  const signedIn = Boolean(session.data?.user);
  const query = useQuery({ ...myReferralsQuery, enabled: signedIn });
  usePageTitle(t('referrals.title'));

  if (session.isPending || (signedIn && query.isPending)) return <ListSkeleton />;
  if (!signedIn)
    return (
      <StateMessage
        titleOrder={1}
        icon={<IconGift size={28} />}
        title={t('referrals.title')}
        actions={
          <Button
            leftSection={<IconLogin size={16} />}
            renderRoot={(props) => <Link to="/sign-in?redirect=%2Freferrals" {...props} />}
          >
            {t('referrals.landing.signIn')}
          </Button>
        }
      />
    );
  if (query.isError || !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} titleOrder={1} />;
  const data = query.data;
  return (
    <>
      <PageHeader
        title={t('referrals.title')}
        description={t('referrals.lead', {
          friend: data.terms.friendPoints,
          referrer: data.terms.referrerPoints,
          min: rub(data.terms.minOrderAmount),
        })}
      />
      <Stack gap="lg">
        {!data.terms.enabled ? (
          <Alert color="orange" variant="light">
            {t('referrals.off')}
          </Alert>
        ) : null}
        <MyLink data={data} />
        {data.joinedBy ? (
          <Alert color="teal" variant="light" icon={<IconCheck />} data-testid="joined-by">
            {t('referrals.claim.joinedBy', { name: data.joinedBy.referrer })} —{' '}
            {t(`referrals.status.${data.joinedBy.status}`)}
          </Alert>
        ) : null}
        {data.canClaim ? <ClaimForm /> : null}
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('referrals.invited')}
          </Title>
          {data.invited.length === 0 ? (
            <StateMessage
              role="status"
              color="gray"
              icon={<IconUsers size={28} />}
              title={t('referrals.noneInvited')}
              description={t('referrals.noneInvitedHint')}
              testId="referrals-empty"
            />
          ) : (
            data.invited.map((r) => <FriendRow key={r.id} r={r} />)
          )}
        </Stack>
      </Stack>
    </>
  );
}
