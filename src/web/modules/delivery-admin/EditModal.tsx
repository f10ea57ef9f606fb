import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrors, send } from './api';

/**
 * The modal every delivery thing is edited in: a form, Save, and Delete for an existing record. `path` is the
 * collection (`/zones`); `id` the record when editing. Saving or deleting refreshes every delivery list.
 */
export function EditModal({
  title,
  path,
  id,
  body,
  onClose,
  children,
}: {
  title: string;
  path: string;
  id: string | null;
  body: () => unknown;
  onClose: () => void;
  children: (errors: Record<string, string>) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: ['delivery-admin'] });
    onClose();
  };
  const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const save = useMutation({
    mutationFn: () => (id ? send('PATCH', `${path}/${id}`, body()) : send('POST', path, body())),
    onSuccess: done,
    onError,
  });
  const remove = useMutation({ mutationFn: () => send('DELETE', `${path}/${id}`), onSuccess: done, onError });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={title}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          {children(fieldErrors(save.error))}
          <Group justify="space-between">
            {id ? (
              <Button color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('delivery-admin.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('delivery-admin.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('delivery-admin.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
