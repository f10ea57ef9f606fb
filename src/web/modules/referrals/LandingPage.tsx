import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertCircle,
  IconCircleCheck,
  IconGift,
  IconLinkOff,
  IconLogin,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { landingQuery, myReferralsQuery, pendingCode, useClaim } from './api';
import { refusalOf, useRubles } from './parts';

/**
 * `/r/<code>`: the offer behind a friend's link. A guest signs up or in and comes back here (`?redirect=`; the
 * code also waits in localStorage); a signed-in person who came through that round trip joins at once, anyone
 * else by a button.
 */
export function LandingPage() {
  const { t } = useTranslation();
  const rub = useRubles();
  const { code } = useParams({ strict: false }) as { code: string };
  const session = useQuery(sessionQuery);
  const signedIn = Boolean(session.data?.user);
  const landing = useQuery(landingQuery(code));
  const mine = useQuery({ ...myReferralsQuery, enabled: signedIn });
  const claim = useClaim();
  const tried = useRef(false);
  usePageTitle(t('referrals.landing.pageTitle'));

  const offer = landing.data;
  const own = Boolean(offer && mine.data && mine.data.code === offer.code);
  const joined = Boolean(offer && mine.data?.joinedBy?.code === offer.code);
  const canClaim = Boolean(offer?.enabled && mine.data?.canClaim && !own);

  // Back from signing up or in with this code waiting: join without another click.
  useEffect(() => {
    if (tried.current || !offer || !canClaim) return;
    if (pendingCode.get()?.toUpperCase() !== offer.code) return;
    tried.current = true;
    claim.mutate(offer.code, { onSettled: () => pendingCode.clear() });
  }, [offer, canClaim, claim]);

  if (landing.isPending || session.isPending || (signedIn && mine.isPending)) return <PageSkeleton />;
  if (landing.isError) {
    if (isApiError(landing.error, 404))
      return (
        <StateMessage
          titleOrder={1}
          color="orange"
          icon={<IconLinkOff size={28} />}
          title={t('referrals.landing.unknown')}
          description={t('referrals.landing.unknownText')}
          testId="referral-unknown"
        />
      );
    return <ErrorState error={landing.error} onRetry={() => void landing.refetch()} titleOrder={1} />;
  }
  if (!offer) return null;
  const back = `/r/${offer.code}`;
  const remember = () => pendingCode.set(offer.code);
  const refusal = refusalOf(claim.error);

  let action: React.ReactNode;
  if (!signedIn)
    action = (
      <Group gap="xs">
        <Button
          leftSection={<IconUserPlus size={16} />}
          onClick={remember}
          renderRoot={(props) => <Link to={`/sign-up?redirect=${encodeURIComponent(back)}`} {...props} />}
          data-testid="referral-sign-up"
        >
          {t('referrals.landing.signUp')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconLogin size={16} />}
          onClick={remember}
          renderRoot={(props) => <Link to={`/sign-in?redirect=${encodeURIComponent(back)}`} {...props} />}
        >
          {t('referrals.landing.signIn')}
        </Button>
      </Group>
    );
  else if (own)
    action = (
      <Alert color="blue" variant="light" title={t('referrals.landing.own')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('referrals.landing.ownText')}</Text>
          <Button size="xs" renderRoot={(props) => <Link to="/referrals" {...props} />}>
            {t('referrals.landing.toMine')}
          </Button>
        </Stack>
      </Alert>
    );
  else if (joined || claim.isSuccess)
    action = (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck />}
        title={t('referrals.landing.accepted')}
        data-testid="referral-accepted"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('referrals.landing.acceptedText')}</Text>
          <Button size="xs" renderRoot={(props) => <Link to="/catalog" {...props} />}>
            {t('referrals.landing.toCatalog')}
          </Button>
        </Stack>
      </Alert>
    );
  else if (canClaim)
    action = (
      <Button
        leftSection={<IconGift size={16} />}
        loading={claim.isPending}
        onClick={() => claim.mutate(offer.code)}
        data-testid="referral-accept"
      >
        {t('referrals.landing.accept')}
      </Button>
    );
  else
    action = (
      <Alert color="orange" variant="light" icon={<IconAlertCircle />}>
        {t(
          `referrals.claim.refused.${!offer.enabled ? 'programme_off' : mine.data?.joinedBy ? 'already_claimed' : 'after_first_order'}`,
        )}
      </Alert>
    );

  return (
    <Card withBorder padding="xl" maw={640} mx="auto" data-testid="referral-landing">
      <Stack gap="md">
        <IconGift size={40} aria-hidden="true" color="var(--mantine-color-teal-6)" />
        <Title order={1}>{t('referrals.landing.title', { name: offer.referrer })}</Title>
        <Text>
          {t('referrals.landing.lead', { points: offer.friendPoints, min: rub(offer.minOrderAmount) })}
        </Text>
        {refusal ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t(`referrals.claim.refused.${refusal}`)}
          </Alert>
        ) : null}
        {action}
      </Stack>
    </Card>
  );
}
