import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/types';
import { orNull, requisiteProblem, serverFieldError } from './validation';

export interface DetailsValues {
  name: string;
  legalName: string;
  inn: string;
  kpp: string;
  ogrn: string;
  legalAddress: string;
  postalAddress: string;
}

export const detailsValuesOf = (c: {
  name: string;
  legalName: string;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  legalAddress: string | null;
  postalAddress: string | null;
}): DetailsValues => ({
  name: c.name,
  legalName: c.legalName,
  inn: c.inn,
  kpp: c.kpp ?? '',
  ogrn: c.ogrn ?? '',
  legalAddress: c.legalAddress ?? '',
  postalAddress: c.postalAddress ?? '',
});

/** The body a details form sends: optional fields cleared with null; the INN only when it may change. */
export const detailsBody = (v: DetailsValues, withInn: boolean) => ({
  name: v.name.trim(),
  legalName: v.legalName.trim(),
  ...(withInn ? { inn: v.inn.trim() } : {}),
  kpp: orNull(v.kpp),
  ogrn: orNull(v.ogrn),
  legalAddress: orNull(v.legalAddress),
  postalAddress: orNull(v.postalAddress),
});

interface Props {
  initial: DetailsValues;
  /** Staff may change the INN; a company's own admins may not. */
  innEditable: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: DetailsValues) => void;
  onCancel?: () => void;
  children?: React.ReactNode;
}

/** Legal details of a company, checked field by field with the same rules as the server. */
export function DetailsForm({
  initial,
  innEditable,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof DetailsValues, TranslationKey>>>({});
  const set = (key: keyof DetailsValues) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };
  const errorOf = (key: keyof DetailsValues) => {
    const local = problems[key];
    return local ? t(local) : serverFieldError(error, key);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(
      Object.entries({
        name: requisiteProblem.required(values.name),
        legalName: requisiteProblem.required(values.legalName),
        inn: innEditable ? requisiteProblem.inn(values.inn) : null,
        kpp: requisiteProblem.kpp(values.kpp),
        ogrn: requisiteProblem.ogrn(values.ogrn),
      }).filter(([, v]) => v),
    );
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit(values);
  };
  const otherError =
    error &&
    !['name', 'legalName', 'inn', 'kpp', 'ogrn', 'legalAddress', 'postalAddress'].some((f) =>
      serverFieldError(error, f),
    );
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="sm">
        {otherError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {(error as Error).message || t('companies.errors.generic')}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('companies.card.name')}
            required
            value={values.name}
            onChange={set('name')}
            error={errorOf('name')}
          />
          <TextInput
            label={t('companies.card.legalName')}
            required
            value={values.legalName}
            onChange={set('legalName')}
            error={errorOf('legalName')}
          />
          <TextInput
            label={t('companies.card.inn')}
            required
            inputMode="numeric"
            value={values.inn}
            onChange={set('inn')}
            disabled={!innEditable}
            description={innEditable ? undefined : t('companies.details.innFixed')}
            error={errorOf('inn')}
          />
          <TextInput
            label={t('companies.card.kpp')}
            value={values.kpp}
            onChange={set('kpp')}
            error={errorOf('kpp')}
          />
          <TextInput
            label={t('companies.card.ogrn')}
            inputMode="numeric"
            value={values.ogrn}
            onChange={set('ogrn')}
            error={errorOf('ogrn')}
          />
        </SimpleGrid>
        <Textarea
          label={t('companies.card.legalAddress')}
          autosize
          minRows={1}
          value={values.legalAddress}
          onChange={set('legalAddress')}
          error={errorOf('legalAddress')}
        />
        <Textarea
          label={t('companies.card.postalAddress')}
          autosize
          minRows={1}
          value={values.postalAddress}
          onChange={set('postalAddress')}
          error={errorOf('postalAddress')}
        />
        {children}
        <Group justify="flex-end" gap="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('companies.details.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
