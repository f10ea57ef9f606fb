import { Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface UploadZoneProps {
  onFile: (file: File) => void;
  busy: boolean;
}

const accept =
  '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

/** A drop area for one XLSX or CSV file, with a button for those who do not drag (and for phones). */
export function UploadZone({ onFile, busy }: UploadZoneProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  };
  return (
    <Paper
      withBorder
      p="lg"
      data-testid="upload-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined,
        background: over ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Stack align="center" gap="xs">
        <IconFileUpload size={32} aria-hidden="true" />
        <Text fw={500} ta="center">
          {t('catalog-transfer.import.drop')}
        </Text>
        <Text size="sm" c="dimmed" ta="center">
          {t('catalog-transfer.import.dropHint')}
        </Text>
        <Group justify="center">
          <FileButton onChange={(file) => file && onFile(file)} accept={accept}>
            {(props) => (
              <Button {...props} loading={busy} leftSection={<IconFileUpload size={16} />}>
                {t('catalog-transfer.import.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Paper>
  );
}
