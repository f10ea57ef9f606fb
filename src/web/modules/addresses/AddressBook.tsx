import { ActionIcon, Badge, Button, Group, Menu, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconDots, IconMapPin, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { AddressForm } from './AddressForm';
import classes from './addresses.module.css';
import { addressesQuery, type Book, bookWrite, type DeliveryAddress, useBookMutation } from './api';
import { type AddressValues, bodyOf, emptyAddress, valuesOf } from './validation';

/** One address on a line: postal code, region, city, street and flat, as on an envelope. */
function oneLine(a: DeliveryAddress, flatLabel: string) {
  return [
    a.postalCode,
    a.region === a.city ? null : a.region,
    a.city,
    a.line,
    a.flat ? `${flatLabel} ${a.flat}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function AddressRow({
  address,
  book,
  canManage,
  onEdit,
  onDelete,
}: {
  address: DeliveryAddress;
  book: Book;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const makeDefault = useBookMutation(book, () => bookWrite(book, 'PUT', `/${address.id}/default`));
  return (
    <li className={classes.row} data-testid="address-row">
      <div className={classes.body}>
        <Group gap={6} wrap="nowrap">
          <Text fw={600} truncate>
            {address.label}
          </Text>
          {address.isDefault ? (
            <Badge size="xs" variant="light" className={classes.noShrink} data-testid="address-default">
              {t('addresses.list.default')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" className={classes.wrap}>
          {oneLine(address, t('addresses.list.flat'))}
        </Text>
        <Text size="xs" c="dimmed" className={classes.wrap}>
          {address.recipientName} · {formatPhone(address.phone)}
          {address.comment ? ` · ${address.comment}` : ''}
        </Text>
        {address.consignee ? (
          <Text size="xs" c="dimmed" className={classes.wrap} data-testid="address-consignee">
            {t('addresses.consignee.short', {
              name: address.consignee.name,
              inn: address.consignee.inn,
            })}
            {address.consignee.kpp ? ` · ${t('addresses.consignee.kpp')} ${address.consignee.kpp}` : ''}
          </Text>
        ) : null}
      </div>
      {canManage ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t('addresses.list.actions', { label: address.label })}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={onEdit}>{t('addresses.list.edit')}</Menu.Item>
            {address.isDefault ? null : (
              <Menu.Item onClick={() => makeDefault.mutate(undefined)}>
                {t('addresses.list.makeDefault')}
              </Menu.Item>
            )}
            <Menu.Item color="red" onClick={onDelete}>
              {t('addresses.list.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </li>
  );
}

function DeleteConfirm({
  book,
  address,
  onClose,
}: {
  book: Book;
  address: DeliveryAddress | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useBookMutation(book, (id: string) => bookWrite(book, 'DELETE', `/${id}`));
  return (
    <Modal
      opened={address !== null}
      onClose={onClose}
      title={t('addresses.delete.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t('addresses.delete.text', { label: address?.label ?? '' })}</Text>
        {remove.isError ? (
          <Text size="sm" c="red" role="alert">
            {t('addresses.errors.generic')}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('addresses.form.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              if (address) remove.mutate(address.id, { onSuccess: onClose });
            }}
          >
            {t('addresses.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * An address book (mine or a company's): the list with the default first, and — for those who may manage it —
 * adding, editing, choosing the default and deleting with a confirmation.
 */
export function AddressBook({ book, canManage }: { book: Book; canManage: boolean }) {
  const { t } = useTranslation();
  const list = useQuery(addressesQuery(book));
  const withConsignee = book.kind === 'company';
  const [editing, setEditing] = useState<DeliveryAddress | 'new' | null>(null);
  const [deleting, setDeleting] = useState<DeliveryAddress | null>(null);
  const save = useBookMutation(book, (v: AddressValues) =>
    editing === 'new' || !editing
      ? bookWrite(book, 'POST', '', bodyOf(v, withConsignee))
      : bookWrite(book, 'PATCH', `/${editing.id}`, bodyOf(v, withConsignee)),
  );
  const close = () => {
    setEditing(null);
    save.reset();
  };
  if (list.isPending) return <ListSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { items, limit } = list.data;
  const full = items.length >= limit;
  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={full}>
      {t('addresses.list.add')}
    </Button>
  ) : null;
  return (
    <Stack gap="md" data-testid="address-book">
      {items.length === 0 ? (
        <StateMessage
          titleOrder={2}
          color="gray"
          icon={<IconMapPin size={28} />}
          title={t('addresses.list.empty')}
          description={canManage ? t('addresses.list.emptyHint') : t('addresses.list.emptyReadOnly')}
          actions={addButton}
          testId="addresses-empty"
        />
      ) : (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              {t('addresses.list.count', { count: items.length, limit })}
            </Text>
            {addButton}
          </Group>
          <Paper withBorder className={classes.listPaper}>
            <ul className={classes.list} aria-label={t('addresses.list.label')}>
              {items.map((address) => (
                <AddressRow
                  key={address.id}
                  address={address}
                  book={book}
                  canManage={canManage}
                  onEdit={() => setEditing(address)}
                  onDelete={() => setDeleting(address)}
                />
              ))}
            </ul>
          </Paper>
        </>
      )}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing === 'new' ? t('addresses.form.addTitle') : t('addresses.form.editTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        {editing !== null ? (
          <AddressForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? emptyAddress : valuesOf(editing)}
            withConsignee={withConsignee}
            pending={save.isPending}
            error={save.error}
            onSubmit={(v) => save.mutate(v, { onSuccess: close })}
            onCancel={close}
          />
        ) : null}
      </Modal>
      <DeleteConfirm book={book} address={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
