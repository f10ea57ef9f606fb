import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconBuildingBank, IconDots, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/types';
import { StateMessage } from '../../ui/StatusState';
import { type BankAccount, type Company, orgWrite, useOrgMutation } from './api';
import classes from './companies.module.css';
import { orNull, requisiteProblem, serverFieldError } from './validation';

type Values = { bankName: string; bik: string; settlementAccount: string; correspondentAccount: string };
const empty: Values = { bankName: '', bik: '', settlementAccount: '', correspondentAccount: '' };

function AccountForm({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: Values;
  pending: boolean;
  error: unknown;
  onSubmit: (v: Values) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof Values, TranslationKey>>>({});
  const set = (key: keyof Values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };
  const errorOf = (key: keyof Values) => (problems[key] ? t(problems[key]) : serverFieldError(error, key));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(
      Object.entries({
        bankName: requisiteProblem.required(values.bankName),
        bik: requisiteProblem.bik(values.bik),
        settlementAccount: requisiteProblem.bik(values.bik)
          ? null
          : requisiteProblem.settlementAccount(values.settlementAccount, values.bik),
        correspondentAccount: requisiteProblem.bik(values.bik)
          ? null
          : requisiteProblem.correspondentAccount(values.correspondentAccount, values.bik),
      }).filter(([, v]) => v),
    );
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit(values);
  };
  const fieldErrors = ['bankName', 'bik', 'settlementAccount', 'correspondentAccount'].some((f) =>
    serverFieldError(error, f),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('companies.bank.title')}>
      <Stack gap="sm">
        {error && !fieldErrors ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t('companies.errors.generic')}
          </Alert>
        ) : null}
        <TextInput
          label={t('companies.bank.bankName')}
          required
          value={values.bankName}
          onChange={set('bankName')}
          error={errorOf('bankName')}
        />
        <TextInput
          label={t('companies.bank.bik')}
          required
          inputMode="numeric"
          value={values.bik}
          onChange={set('bik')}
          error={errorOf('bik')}
        />
        <TextInput
          label={t('companies.bank.settlementAccount')}
          required
          inputMode="numeric"
          value={values.settlementAccount}
          onChange={set('settlementAccount')}
          error={errorOf('settlementAccount')}
        />
        <TextInput
          label={t('companies.bank.correspondentAccount')}
          inputMode="numeric"
          value={values.correspondentAccount}
          onChange={set('correspondentAccount')}
          error={errorOf('correspondentAccount')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('companies.details.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('companies.details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AccountRow({
  account,
  canManage,
  onEdit,
  orgId,
}: {
  account: BankAccount;
  canManage: boolean;
  onEdit: () => void;
  orgId: string;
}) {
  const { t } = useTranslation();
  const primary = useOrgMutation(orgId, () =>
    orgWrite(orgId, 'PATCH', `/bank-accounts/${account.id}`, { isPrimary: true }),
  );
  const remove = useOrgMutation(orgId, () => orgWrite(orgId, 'DELETE', `/bank-accounts/${account.id}`));
  return (
    <li className={classes.member} data-testid="bank-account-row">
      <div className={classes.memberBody}>
        <Group gap={6} wrap="nowrap">
          <Text fw={600} truncate>
            {account.bankName}
          </Text>
          {account.isPrimary ? (
            <Badge size="xs" variant="light" className={classes.noShrink}>
              {t('companies.bank.primary')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" className={classes.number}>
          {t('companies.bank.settlementAccount')}: {account.settlementAccount}
        </Text>
        <Text size="xs" c="dimmed" className={classes.number}>
          {t('companies.bank.bik')} {account.bik}
          {account.correspondentAccount
            ? ` · ${t('companies.bank.correspondentAccount')} ${account.correspondentAccount}`
            : ''}
        </Text>
      </div>
      {canManage ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('companies.bank.actions', { account: account.settlementAccount })}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={onEdit}>{t('companies.bank.edit')}</Menu.Item>
            {account.isPrimary ? null : (
              <Menu.Item onClick={() => primary.mutate(undefined)}>
                {t('companies.bank.makePrimary')}
              </Menu.Item>
            )}
            <Menu.Item
              color="red"
              onClick={() => {
                if (window.confirm(t('companies.bank.deleteConfirm', { account: account.settlementAccount })))
                  remove.mutate(undefined);
              }}
            >
              {t('companies.bank.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </li>
  );
}

/** The company's bank accounts; company admins add, edit, delete them and choose the primary one. */
export function BankAccounts({ company }: { company: Company }) {
  const { t } = useTranslation();
  const canManage = company.myPermissions.includes('company.manage');
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);
  const save = useOrgMutation(company.id, (v: Values) => {
    const body = {
      bankName: v.bankName.trim(),
      bik: v.bik.trim(),
      settlementAccount: v.settlementAccount.trim(),
      correspondentAccount: orNull(v.correspondentAccount),
    };
    return editing === 'new' || !editing
      ? orgWrite(company.id, 'POST', '/bank-accounts', body)
      : orgWrite(company.id, 'PATCH', `/bank-accounts/${editing.id}`, body);
  });
  const close = () => {
    setEditing(null);
    save.reset();
  };
  return (
    <section aria-labelledby="bank-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} id="bank-heading">
          {t('companies.bank.title')}
        </Title>
        {canManage ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
          >
            {t('companies.bank.add')}
          </Button>
        ) : null}
      </Group>
      {company.bankAccounts.length === 0 ? (
        <StateMessage
          titleOrder={3}
          color="gray"
          icon={<IconBuildingBank size={28} />}
          title={t('companies.bank.empty')}
          testId="bank-empty"
        />
      ) : (
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('companies.bank.listLabel')}>
            {company.bankAccounts.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                canManage={canManage}
                orgId={company.id}
                onEdit={() => setEditing(account)}
              />
            ))}
          </ul>
        </Paper>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={close}
        title={editing === 'new' ? t('companies.bank.add') : t('companies.bank.edit')}
      >
        {editing ? (
          <AccountForm
            initial={
              editing === 'new'
                ? empty
                : {
                    bankName: editing.bankName,
                    bik: editing.bik,
                    settlementAccount: editing.settlementAccount,
                    correspondentAccount: editing.correspondentAccount ?? '',
                  }
            }
            pending={save.isPending}
            error={save.error}
            onCancel={close}
            onSubmit={(v) => save.mutate(v, { onSuccess: close })}
          />
        ) : null}
      </Modal>
    </section>
  );
}
