import {
  Alert,
  Box,
  Button,
  FileButton,
  Group,
  Image,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconDeviceFloppy,
  IconHome,
  IconLock,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidSettlementAccount,
} from '../../../shared/requisites';
import { ApiError, isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  logoAccept,
  logoMaxBytes,
  type SellerRequisites,
  sellerLogoQuery,
  sellerRequisitesQuery,
  useRemoveSellerLogo,
  useSaveSellerRequisites,
  useUploadSellerLogo,
} from './api';

/** Text fields by their path in the request body (the server names refused fields `body.<path>`). */
const textPaths = [
  'name',
  'inn',
  'kpp',
  'ogrn',
  'address',
  'phone',
  'bank.name',
  'bank.bic',
  'bank.corrAccount',
  'bank.account',
  'signatories.director.title',
  'signatories.director.name',
  'signatories.accountant.name',
  'paymentDays',
  'paymentTerms',
  'vatRate',
] as const;
type FieldPath = (typeof textPaths)[number];
type FormValues = Record<FieldPath, string>;

function toForm(r: SellerRequisites): FormValues {
  return {
    name: r.name,
    inn: r.inn,
    kpp: r.kpp,
    ogrn: r.ogrn,
    address: r.address,
    phone: r.phone,
    'bank.name': r.bank.name,
    'bank.bic': r.bank.bic,
    'bank.corrAccount': r.bank.corrAccount,
    'bank.account': r.bank.account,
    'signatories.director.title': r.signatories.director.title,
    'signatories.director.name': r.signatories.director.name,
    'signatories.accountant.name': r.signatories.accountant.name,
    paymentDays: String(r.paymentDays),
    paymentTerms: r.paymentTerms,
    vatRate: r.vatRate === null ? 'none' : String(r.vatRate),
  };
}

function fromForm(v: FormValues): SellerRequisites {
  const s = (key: FieldPath) => v[key].trim();
  return {
    name: s('name'),
    inn: s('inn'),
    kpp: s('kpp'),
    ogrn: s('ogrn'),
    address: s('address'),
    phone: s('phone'),
    bank: {
      name: s('bank.name'),
      bic: s('bank.bic'),
      corrAccount: s('bank.corrAccount'),
      account: s('bank.account'),
    },
    signatories: {
      director: { name: s('signatories.director.name'), title: s('signatories.director.title') },
      accountant: { name: s('signatories.accountant.name') },
    },
    vatRate: v.vatRate === 'none' ? null : (Number(v.vatRate) as 20 | 10 | 0),
    paymentDays: Number(v.paymentDays),
    paymentTerms: v.paymentTerms,
  };
}

/** The same checks the server makes (src/modules/settings/settings.schema.ts), for hints before saving. */
function problemsOf(v: FormValues): Partial<Record<FieldPath, TranslationKey>> {
  const p: Partial<Record<FieldPath, TranslationKey>> = {};
  const filled = (key: FieldPath) => v[key].trim();
  const inn = filled('inn');
  if (inn && !isValidInn(inn)) p.inn = 'seller-settings.problems.inn';
  const kpp = filled('kpp');
  if (kpp && !isValidKpp(kpp)) p.kpp = 'seller-settings.problems.kpp';
  const ogrn = filled('ogrn');
  if (ogrn && !(ogrn.length === 15 ? isValidOgrnip(ogrn) : isValidOgrn(ogrn)))
    p.ogrn = 'seller-settings.problems.ogrn';
  const bic = filled('bank.bic');
  if (bic && !isValidBik(bic)) p['bank.bic'] = 'seller-settings.problems.bic';
  const corr = filled('bank.corrAccount');
  if (corr && !isValidCorrespondentAccount(corr, bic))
    p['bank.corrAccount'] = 'seller-settings.problems.corrAccount';
  const account = filled('bank.account');
  if (account && !isValidSettlementAccount(account, bic))
    p['bank.account'] = 'seller-settings.problems.account';
  const days = Number(v.paymentDays);
  if (v.paymentDays.trim() === '' || !Number.isInteger(days) || days < 0 || days > 365)
    p.paymentDays = 'seller-settings.problems.paymentDays';
  return p;
}

function Section({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {lead}
          </Text>
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/** Shown on 401/403: the page needs the `settings.manage` permission. */
function NoAccess() {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="no-access"
      color="orange"
      icon={<IconLock size={28} />}
      title={t('seller-settings.noAccess.title')}
      description={t('seller-settings.noAccess.description')}
      actions={
        <Button
          variant="default"
          leftSection={<IconHome size={16} />}
          renderRoot={(props) => <Link to="/" {...props} />}
        >
          {t('notFound.home')}
        </Button>
      }
    />
  );
}

function RequisitesForm({ requisites }: { requisites: SellerRequisites }) {
  const { t } = useTranslation();
  const save = useSaveSellerRequisites();
  const [values, setValues] = useState(() => toForm(requisites));
  const [problems, setProblems] = useState<Partial<Record<FieldPath, TranslationKey>>>({});
  /** The server's refusals by field, until the field is changed. */
  const [refused, setRefused] = useState<Partial<Record<FieldPath, string>>>({});
  // A saved (or refetched) set replaces the draft.
  useEffect(() => setValues(toForm(requisites)), [requisites]);

  const change = (key: FieldPath, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
    setRefused((r) => ({ ...r, [key]: undefined }));
  };
  const errorOf = (key: FieldPath) => {
    const problem = problems[key];
    return problem ? t(problem) : refused[key];
  };
  /** Props of a text field; its checksum is judged when the person leaves it. */
  const field = (key: FieldPath) => ({
    value: values[key],
    error: errorOf(key),
    onChange: (event: { currentTarget: { value: string } }) => change(key, event.currentTarget.value),
    onBlur: () => {
      const problem = problemsOf(values)[key];
      if (problem) setProblems((p) => ({ ...p, [key]: problem }));
    },
    'data-field': key,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(fromForm(values), {
      onSuccess: () => {
        setRefused({});
        notifications.show({ message: t('seller-settings.saved'), color: 'teal' });
      },
      onError: (error) => {
        const byField: Partial<Record<FieldPath, string>> = {};
        if (isApiError(error, 400)) {
          for (const e of error.errors) {
            const key = e.path.replace(/^body\./, '') as FieldPath;
            if ((textPaths as readonly string[]).includes(key)) byField[key] ??= e.message;
          }
        }
        setRefused(byField);
        if (Object.keys(byField).length === 0) {
          notifications.show({
            title: t('seller-settings.saveFailed'),
            message: error instanceof ApiError && error.detail ? error.detail : t('errors.generic'),
            color: 'red',
          });
        }
      },
    });
  };

  const invalid =
    Object.values(problems).some(Boolean) || Object.values(refused).some(Boolean) ? (
      <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert" data-testid="fix-fields">
        {t('seller-settings.problems.fix')}
      </Alert>
    ) : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t('seller-settings.title')} data-testid="seller-form">
      <Stack gap="lg">
        <Section
          title={t('seller-settings.sections.organisation')}
          lead={t('seller-settings.sections.organisationLead')}
        >
          <TextInput
            label={t('seller-settings.fields.name')}
            description={t('seller-settings.fields.nameHint')}
            maxLength={300}
            {...field('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('seller-settings.fields.inn')}
              inputMode="numeric"
              maxLength={12}
              {...field('inn')}
            />
            <TextInput
              label={t('seller-settings.fields.kpp')}
              description={t('seller-settings.fields.kppHint')}
              // Under the field, so the three inputs of the row stay aligned.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              maxLength={9}
              {...field('kpp')}
            />
            <TextInput
              label={t('seller-settings.fields.ogrn')}
              inputMode="numeric"
              maxLength={15}
              {...field('ogrn')}
            />
          </SimpleGrid>
          <Textarea
            label={t('seller-settings.fields.address')}
            autosize
            minRows={2}
            maxRows={4}
            maxLength={500}
            {...field('address')}
          />
          <TextInput
            label={t('seller-settings.fields.phone')}
            type="tel"
            autoComplete="tel"
            maxLength={60}
            {...field('phone')}
          />
        </Section>

        <Section title={t('seller-settings.sections.bank')} lead={t('seller-settings.sections.bankLead')}>
          <TextInput
            label={t('seller-settings.fields.bankName')}
            description={t('seller-settings.fields.bankNameHint')}
            maxLength={300}
            {...field('bank.name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('seller-settings.fields.bic')}
              inputMode="numeric"
              maxLength={9}
              {...field('bank.bic')}
            />
            <TextInput
              label={t('seller-settings.fields.corrAccount')}
              inputMode="numeric"
              maxLength={20}
              {...field('bank.corrAccount')}
            />
            <TextInput
              label={t('seller-settings.fields.account')}
              inputMode="numeric"
              maxLength={20}
              {...field('bank.account')}
            />
          </SimpleGrid>
        </Section>

        <Section
          title={t('seller-settings.sections.signatories')}
          lead={t('seller-settings.sections.signatoriesLead')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('seller-settings.fields.directorTitle')}
              maxLength={200}
              {...field('signatories.director.title')}
            />
            <TextInput
              label={t('seller-settings.fields.directorName')}
              description={t('seller-settings.fields.directorNameHint')}
              maxLength={200}
              {...field('signatories.director.name')}
            />
          </SimpleGrid>
          <TextInput
            label={t('seller-settings.fields.accountantName')}
            description={t('seller-settings.fields.accountantNameHint')}
            maxLength={200}
            {...field('signatories.accountant.name')}
          />
        </Section>

        <Section title={t('seller-settings.sections.terms')} lead={t('seller-settings.sections.termsLead')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('seller-settings.fields.vatRate')}
              data={[
                { value: '20', label: t('seller-settings.vat.20') },
                { value: '10', label: t('seller-settings.vat.10') },
                { value: '0', label: t('seller-settings.vat.0') },
                { value: 'none', label: t('seller-settings.vat.none') },
              ]}
              value={values.vatRate}
              onChange={(value) => change('vatRate', value ?? 'none')}
              allowDeselect={false}
              error={errorOf('vatRate')}
              data-field="vatRate"
            />
            <NumberInput
              label={t('seller-settings.fields.paymentDays')}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              value={values.paymentDays}
              onChange={(value) => change('paymentDays', String(value))}
              error={errorOf('paymentDays')}
              data-field="paymentDays"
            />
          </SimpleGrid>
          <Textarea
            label={t('seller-settings.fields.paymentTerms')}
            description={t('seller-settings.fields.paymentTermsHint')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            {...field('paymentTerms')}
          />
        </Section>

        {invalid}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} />}>
            {t('seller-settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LogoSection() {
  const { t } = useTranslation();
  const logo = useQuery(sellerLogoQuery);
  const upload = useUploadSellerLogo();
  const remove = useRemoveSellerLogo();
  const [problem, setProblem] = useState<string | null>(null);
  // Object URLs of replaced logos are released.
  useEffect(() => {
    const url = logo.data;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [logo.data]);

  const choose = (file: File | null) => {
    if (!file) return;
    if (file.size > logoMaxBytes) {
      setProblem(t('seller-settings.logo.tooLarge'));
      return;
    }
    setProblem(null);
    upload.mutate(file, {
      onSuccess: () => notifications.show({ message: t('seller-settings.logo.uploaded'), color: 'teal' }),
      onError: (error) =>
        setProblem(isApiError(error, 400) && error.detail ? error.detail : t('seller-settings.logo.failed')),
    });
  };
  const drop = () => {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => notifications.show({ message: t('seller-settings.logo.removed'), color: 'teal' }),
      onError: () => setProblem(t('seller-settings.logo.removeFailed')),
    });
  };

  let preview: ReactNode;
  if (logo.isPending) preview = <Skeleton h={50} w={140} />;
  else if (logo.isError)
    preview = <ErrorState error={logo.error} onRetry={() => void logo.refetch()} titleOrder={3} />;
  else if (logo.data)
    preview = (
      <Box
        p="xs"
        style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 4, alignSelf: 'flex-start' }}
      >
        <Image
          src={logo.data}
          alt={t('seller-settings.logo.alt')}
          h={50}
          w="auto"
          maw={280}
          fit="contain"
          data-testid="seller-logo"
        />
      </Box>
    );
  else
    preview = (
      <Text size="sm" c="dimmed" data-testid="no-logo">
        {t('seller-settings.logo.none')}
      </Text>
    );

  return (
    <Section title={t('seller-settings.sections.logo')} lead={t('seller-settings.sections.logoLead')}>
      {preview}
      {problem ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert" data-testid="logo-problem">
          {problem}
        </Alert>
      ) : null}
      <Group gap="xs">
        <FileButton onChange={choose} accept={logoAccept}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              loading={upload.isPending}
              leftSection={<IconUpload size={16} />}
            >
              {logo.data ? t('seller-settings.logo.replace') : t('seller-settings.logo.upload')}
            </Button>
          )}
        </FileButton>
        {logo.data ? (
          <Button
            variant="subtle"
            color="red"
            loading={remove.isPending}
            leftSection={<IconTrash size={16} />}
            onClick={drop}
          >
            {t('seller-settings.logo.remove')}
          </Button>
        ) : null}
      </Group>
    </Section>
  );
}

/** Back office: the business's own requisites and logo, printed on its documents (needs `settings.manage`). */
export function SellerSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('seller-settings.title'));
  const requisites = useQuery(sellerRequisitesQuery);

  let body: ReactNode;
  if (isApiError(requisites.error, 401, 403)) body = <NoAccess />;
  else if (requisites.isError)
    body = <ErrorState error={requisites.error} onRetry={() => void requisites.refetch()} titleOrder={2} />;
  else if (!requisites.data) body = <ListSkeleton rows={8} />;
  else
    body = (
      <Stack gap="lg">
        <LogoSection />
        <RequisitesForm requisites={requisites.data} />
      </Stack>
    );

  return (
    <>
      <PageHeader title={t('seller-settings.title')} description={t('seller-settings.description')} />
      {body}
    </>
  );
}
