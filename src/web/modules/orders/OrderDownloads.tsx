import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Download links for an order's documents (PDF and Excel) in the UI language. `orderUrl` is the order's API
 * path in the page's scope: `/api/v1/me/orders/:id`, `/api/v1/orgs/:orgId/orders/:id` or `/api/v1/admin/orders/:id`.
 */
export function OrderDownloads({ orderUrl, number }: { orderUrl: string; number: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'ru';
  const file = (ext: 'pdf' | 'xlsx') => `${t('orders.downloads.fileName', { number })}.${ext}`;
  return (
    <Group gap="xs" data-testid="order-downloads">
      <Button
        component="a"
        href={`${orderUrl}/export.pdf?lang=${lang}`}
        download={file('pdf')}
        variant="default"
        size="compact-md"
        leftSection={<IconFileTypePdf size={16} aria-hidden="true" />}
        aria-label={t('orders.downloads.pdfLabel', { number })}
        data-testid="order-download-pdf"
      >
        {t('orders.downloads.pdf')}
      </Button>
      <Button
        component="a"
        href={`${orderUrl}/export.xlsx?lang=${lang}`}
        download={file('xlsx')}
        variant="default"
        size="compact-md"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
        aria-label={t('orders.downloads.xlsxLabel', { number })}
        data-testid="order-download-xlsx"
      >
        {t('orders.downloads.xlsx')}
      </Button>
    </Group>
  );
}
