import { Alert, Button, Loader, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';

/** `/reorder?token=…`: a reminder's one-click link puts the items into my cart and opens it. */
export function ReorderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('subscriptions.reorder.title'));
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const reorder = useMutation({
    mutationFn: () =>
      api<{ cartId: string }>('/api/v1/me/reminders/reorder', { method: 'POST', json: { token } }),
    onSuccess: () => void navigate({ to: '/cart' }),
  });
  const { mutate } = reorder;
  useEffect(() => {
    if (token) mutate();
  }, [token, mutate]);
  return (
    <Stack gap="md" maw={640}>
      <PageHeader title={t('subscriptions.reorder.title')} />
      {reorder.isError || !token ? (
        <Alert color="red" role="alert">
          {t('subscriptions.reorder.failed')}
        </Alert>
      ) : (
        <Stack align="flex-start" gap="xs" role="status">
          <Loader size="sm" aria-hidden="true" />
          {t('subscriptions.reorder.working')}
        </Stack>
      )}
      <Button component={Link} to="/cart" variant="light" w="fit-content">
        {t('subscriptions.reorder.toCart')}
      </Button>
    </Stack>
  );
}
