import {
  ActionIcon,
  Anchor,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProductCard, send, uploadFile } from './api';
import { useProductUpdate } from './useProductUpdate';

const KINDS = ['certificate', 'manual', 'drawing', 'other'] as const;

/** Images (upload, order, delete) and documents (upload with title and kind, delete). */
export function MediaTab({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const images = product.images;
  const uploadImage = useProductUpdate(product.id, (file: File) =>
    uploadFile<ProductCard>(`/products/${product.id}/images`, file),
  );
  const imageAction = useProductUpdate(product.id, (v: { remove?: string; order?: string[] }) =>
    v.remove
      ? send<ProductCard>('DELETE', `/products/${product.id}/images/${v.remove}`)
      : send<ProductCard>('PUT', `/products/${product.id}/images/order`, { ids: v.order }),
  );
  const move = (index: number, delta: number) => {
    const ids = images.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id as string);
    imageAction.mutate({ order: ids });
  };
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string>('certificate');
  const uploadDoc = useProductUpdate(product.id, (file: File) =>
    uploadFile<ProductCard>(
      `/products/${product.id}/documents?${new URLSearchParams({ kind, ...(title.trim() ? { title: title.trim() } : {}) })}`,
      file,
    ),
  );
  const removeDoc = useProductUpdate(product.id, (id: string) =>
    send<ProductCard>('DELETE', `/products/${product.id}/documents/${id}`),
  );

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('catalog-admin.media.images')}</Text>
          <FileButton
            accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
            onChange={(file) => file && uploadImage.mutate(file)}
          >
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={uploadImage.isPending}>
                {t('catalog-admin.media.uploadImage')}
              </Button>
            )}
          </FileButton>
        </Group>
        {images.length === 0 ? (
          <Text c="dimmed">{t('catalog-admin.media.noImages')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 4, md: 6 }}>
            {images.map((image, i) => (
              <Paper key={image.id} withBorder p={4}>
                <img
                  src={image.urls.thumb}
                  alt={image.alt || product.name}
                  style={{ width: '100%', aspectRatio: '1', objectFit: 'contain' }}
                />
                <Group justify="center" gap={2}>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === 0}
                    aria-label={t('catalog-admin.media.earlier')}
                    onClick={() => move(i, -1)}
                  >
                    <IconArrowLeft size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === images.length - 1}
                    aria-label={t('catalog-admin.media.later')}
                    onClick={() => move(i, 1)}
                  >
                    <IconArrowRight size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('catalog-admin.remove', { name: String(i + 1) })}
                    onClick={() => imageAction.mutate({ remove: image.id })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <Stack gap="sm">
        <Text fw={600}>{t('catalog-admin.media.documents')}</Text>
        {product.documents.length === 0 ? (
          <Text c="dimmed">{t('catalog-admin.media.noDocuments')}</Text>
        ) : null}
        {product.documents.map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap">
            <Anchor href={d.url} style={{ overflowWrap: 'anywhere' }}>
              {d.title} · {t(`catalog-admin.media.kinds.${d.kind as (typeof KINDS)[number]}`)}
            </Anchor>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('catalog-admin.remove', { name: d.title })}
              onClick={() => removeDoc.mutate(d.id)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('catalog-admin.media.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Select
            label={t('catalog-admin.media.kind')}
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`catalog-admin.media.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'other')}
          />
          <FileButton
            accept=".pdf,.png,.jpg,.jpeg,.webp,.dwg,.dxf,.docx,.xlsx"
            onChange={(file) => file && uploadDoc.mutate(file)}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconUpload size={16} />}
                loading={uploadDoc.isPending}
              >
                {t('catalog-admin.media.uploadDocument')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="xs" c="dimmed">
          {t('catalog-admin.media.documentHint')}
        </Text>
      </Stack>
    </Stack>
  );
}
