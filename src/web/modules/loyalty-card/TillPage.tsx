import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCamera, IconScan } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { groupedNumber, problemText, type TillResult, tierName, tillQuery } from './api';
import { CameraScanner, hasBarcodeDetector } from './CameraScanner';

/**
 * The till: a cashier scans the customer's card with a handheld scanner (it types the digits and Enter into the
 * focused field), types the number, or — where the browser has BarcodeDetector — points the device's camera at it.
 */
export function TillPage() {
  const { t } = useTranslation();
  usePageTitle(t('loyalty-card.till.title'));
  const [value, setValue] = useState('');
  const [number, setNumber] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const lookup = useQuery({ ...tillQuery(number ?? ''), enabled: number !== null });

  const submit = (raw: string) => {
    const digits = raw.replace(/[\s-]/g, '');
    if (!digits) return;
    setNumber(digits);
    // The next scan replaces this one.
    requestAnimationFrame(() => input.current?.select());
  };

  let result: React.ReactNode = null;
  if (number === null) result = null;
  else if (isApiError(lookup.error, 401, 403)) result = <NoAccess />;
  else if (isApiError(lookup.error, 404))
    result = (
      <Alert color="orange" role="alert" title={t('loyalty-card.till.notFound')} data-testid="till-not-found">
        {t('loyalty-card.till.notFoundHint', { number })}
      </Alert>
    );
  else if (lookup.isError)
    result = (
      <Alert color="red" role="alert" title={t('loyalty-card.till.invalid')} data-testid="till-invalid">
        {problemText(lookup.error)}
      </Alert>
    );
  else if (!lookup.data) result = <ListSkeleton />;
  else result = <Customer found={lookup.data} />;

  return (
    <>
      <PageHeader title={t('loyalty-card.till.title')} description={t('loyalty-card.till.description')} />
      <Stack gap="md" maw={640}>
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            submit(value);
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              ref={input}
              style={{ flex: '1 1 14rem' }}
              label={t('loyalty-card.till.number')}
              description={t('loyalty-card.till.numberHint')}
              value={value}
              onChange={(ev) => setValue(ev.currentTarget.value)}
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              data-testid="till-input"
              size="md"
            />
            <Button type="submit" size="md" leftSection={<IconScan size={18} />}>
              {t('loyalty-card.till.find')}
            </Button>
            {hasBarcodeDetector() ? (
              <Button
                size="md"
                variant="default"
                leftSection={<IconCamera size={18} />}
                onClick={() => setCamera(true)}
                data-testid="till-camera"
              >
                {t('loyalty-card.till.camera')}
              </Button>
            ) : null}
          </Group>
        </form>
        {camera ? (
          <CameraScanner
            onClose={() => setCamera(false)}
            onDetected={(code) => {
              setCamera(false);
              setValue(code);
              submit(code);
            }}
          />
        ) : null}
        <div aria-live="polite">{result}</div>
      </Stack>
    </>
  );
}

function Customer({ found }: { found: TillResult }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Paper withBorder radius="md" p="md" data-testid="till-result">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3" data-testid="till-name">
              {found.name}
            </Title>
            <Text size="sm" c="dimmed" ff="monospace">
              {groupedNumber(found.number)}
            </Text>
          </div>
          <Badge color={found.status === 'active' ? 'green' : 'red'} size="lg" variant="light">
            {t(`loyalty-card.till.status.${found.status}`)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Field
            label={t('loyalty-card.till.tier')}
            value={found.tier ? tierName(found.tier, i18n.language) : t('loyalty-card.noTier')}
            testId="till-tier"
          />
          <Field
            label={t('loyalty-card.till.balance')}
            value={t('loyalty-card.till.points', {
              count: found.balance,
              formatted: number.format(found.balance),
            })}
            testId="till-balance"
          />
          <Field label={t('loyalty-card.till.phone')} value={found.phone ?? '—'} />
          <Field label={t('loyalty-card.till.email')} value={found.email ?? '—'} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
