import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHeart, IconHeartFilled, IconScale } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { listIdsQuery, useToggleListed } from './api';
import { useCatalogScope } from './scope';

/** The most products the compare table holds. */
export const COMPARE_LIMIT = 6;

interface ListButtonProps {
  kind: 'favorites' | 'compare';
  productId: string;
  productName: string;
}

/**
 * Adds a product to favorites or to compare, or takes it out. The lists are kept per person (and per company
 * for a member), so a guest is asked to sign in and comes back to the same page.
 */
export function ListButton({ kind, productId, productName }: ListButtonProps) {
  const { t } = useTranslation();
  const { scope, signedIn } = useCatalogScope();
  const navigate = useNavigate();
  const { href } = useLocation();
  const ids = useQuery(listIdsQuery(scope));
  const toggle = useToggleListed(scope, kind);
  const listed = ids.data?.[kind].includes(productId) ?? false;
  const full = kind === 'compare' && !listed && (ids.data?.compare.length ?? 0) >= COMPARE_LIMIT;
  const label = t(`catalog.lists.${kind}.${listed ? 'remove' : 'add'}`, { name: productName });

  const onClick = () => {
    if (!signedIn) {
      notifications.show({ message: t('catalog.lists.signInToKeep') });
      void navigate({ to: '/sign-in', search: { redirect: href } });
      return;
    }
    if (full) {
      notifications.show({
        color: 'orange',
        message: t('catalog.lists.compare.full', { count: COMPARE_LIMIT }),
      });
      return;
    }
    toggle.mutate(
      { productId, listed },
      {
        onSuccess: () =>
          notifications.show({
            message: t(`catalog.lists.${kind}.${listed ? 'removed' : 'added'}`, { name: productName }),
          }),
        onError: () => notifications.show({ color: 'red', message: t('catalog.lists.failed') }),
      },
    );
  };

  const Icon = kind === 'favorites' ? (listed ? IconHeartFilled : IconHeart) : IconScale;
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant={listed ? 'filled' : 'light'}
        color={kind === 'favorites' ? 'red' : 'brand'}
        size="lg"
        aria-label={label}
        aria-pressed={listed}
        loading={toggle.isPending}
        onClick={onClick}
        data-testid={`toggle-${kind}`}
      >
        <Icon size={18} aria-hidden="true" />
      </ActionIcon>
    </Tooltip>
  );
}
