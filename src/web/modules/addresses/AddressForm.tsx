import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { type AddressValues, type FieldName, problemsOf, serverPathOf } from './validation';

interface AddressFormProps {
  initial: AddressValues;
  /** Company books carry a consignee (грузополучатель). */
  withConsignee: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (values: AddressValues) => void;
  onCancel: () => void;
}

/** Adds or changes one address; checks fields as the server does and shows the server's field errors. */
export function AddressForm({
  initial,
  withConsignee,
  pending,
  error,
  onSubmit,
  onCancel,
}: AddressFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<FieldName, TranslationKey>>>({});
  const serverErrors = isApiError(error) ? error.errors : [];
  const errorOf = (key: FieldName) =>
    problems[key] ? t(problems[key]) : serverErrors.find((e) => e.path === serverPathOf(key))?.message;
  const field = (key: FieldName) => ({
    value: values[key],
    error: errorOf(key),
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
      setProblems((p) => ({ ...p, [key]: undefined }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(values, withConsignee);
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit(values);
  };
  const generalError =
    error && serverErrors.length === 0
      ? isApiError(error, 409)
        ? t('addresses.errors.full')
        : t('addresses.errors.generic')
      : null;
  return (
    <form onSubmit={submit} noValidate aria-label={t('addresses.form.title')}>
      <Stack gap="sm">
        {generalError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {generalError}
          </Alert>
        ) : null}
        <TextInput
          label={t('addresses.form.label')}
          description={t('addresses.form.labelHint')}
          required
          {...field('label')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('addresses.form.recipientName')}
            required
            autoComplete="name"
            {...field('recipientName')}
          />
          <TextInput
            label={t('addresses.form.phone')}
            required
            type="tel"
            autoComplete="tel"
            {...field('phone')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput
            label={t('addresses.form.postalCode')}
            required
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={6}
            {...field('postalCode')}
          />
          <TextInput
            label={t('addresses.form.region')}
            required
            autoComplete="address-level1"
            {...field('region')}
          />
          <TextInput
            label={t('addresses.form.city')}
            required
            autoComplete="address-level2"
            {...field('city')}
          />
        </SimpleGrid>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xs: 9 }}>
            <TextInput
              label={t('addresses.form.line')}
              description={t('addresses.form.lineHint')}
              required
              autoComplete="address-line1"
              {...field('line')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 3 }}>
            <TextInput label={t('addresses.form.flat')} autoComplete="address-line2" {...field('flat')} />
          </Grid.Col>
        </Grid>
        <Textarea
          label={t('addresses.form.comment')}
          autosize
          minRows={2}
          maxRows={5}
          {...field('comment')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={t('addresses.form.lat')} inputMode="decimal" {...field('lat')} />
          <TextInput label={t('addresses.form.lon')} inputMode="decimal" {...field('lon')} />
        </SimpleGrid>
        {withConsignee ? (
          <Stack gap="sm">
            <Checkbox
              label={t('addresses.form.hasConsignee')}
              checked={values.hasConsignee}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setValues((v) => ({ ...v, hasConsignee: checked }));
              }}
            />
            {values.hasConsignee ? (
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {t('addresses.consignee.title')}
                </Title>
                <TextInput label={t('addresses.consignee.name')} required {...field('consigneeName')} />
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label={t('addresses.consignee.inn')}
                    required
                    inputMode="numeric"
                    maxLength={12}
                    {...field('consigneeInn')}
                  />
                  <TextInput label={t('addresses.consignee.kpp')} maxLength={9} {...field('consigneeKpp')} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput label={t('addresses.consignee.contactName')} {...field('consigneeContact')} />
                  <TextInput label={t('addresses.consignee.phone')} type="tel" {...field('consigneePhone')} />
                </SimpleGrid>
              </Stack>
            ) : null}
          </Stack>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('addresses.form.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('addresses.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
