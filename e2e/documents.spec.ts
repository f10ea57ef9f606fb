import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, submitSignIn, test } from './fixtures';
import { companyId, placeOrder, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The journey of issue 6 (documents): a company accountant requests an invoice for an order, sees it in the
 * company's documents, previews and downloads it, filters by type and downloads two documents as a ZIP. The
 * order is placed through the API by the dealer's buyer (the checkout spec covers checkout in the browser).
 */

const ru = texts.ru;
const d = ru.documents;
const firstLoad = { timeout: 30_000 };

interface ApiDocument {
  id: string;
  number: string;
  kind: string;
  url: string;
  fileName: string;
}

/** The bytes of a finished download. */
async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error('the download has no file');
  return readFileSync(path);
}

/** The names inside a ZIP, read with the system `unzip`. */
function zipNames(zip: Buffer, dir: string): string[] {
  const path = join(dir, 'documents.zip');
  writeFileSync(path, zip);
  return execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

async function documentsOf(page: Page, orgId: string, query: string): Promise<ApiDocument[]> {
  const res = await page.request.get(`/api/v1/orgs/${orgId}/documents?${query}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()).items;
}

test('[COMPANY] documents: an accountant requests an invoice for an order, previews and downloads it, and downloads a ZIP', async ({
  page,
  baseURL,
  checkA11y,
  isMobile,
}) => {
  test.slow();
  const base = baseURL as string;
  // The dealer's buyer places the order the accountant will ask an invoice for.
  await signInAs(page, base, demoPeople.buyer);
  const dealerId = await companyId(page, demoCompanies.dealer);
  const order = await placeOrder(page, base, `/orgs/${dealerId}`);
  await page.context().clearCookies();

  // The accountant signs in and opens «Документы» from the company's navigation.
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.accountant.email, demoPeople.accountant.password);
  await expect(page).toHaveURL(/\/$/, firstLoad);
  // A second invoice, for an amount, so the ZIP has two documents of this run.
  const free = await page.request.post(`/api/v1/orgs/${dealerId}/documents/invoices`, {
    headers: { Origin: new URL(base).origin },
    data: { amount: 1_234_50, purpose: `Предоплата e2e ${order.number}` },
  });
  expect(free.status(), await free.text()).toBe(201);
  const amountInvoice = (await free.json()) as ApiDocument;

  await page.goto(`/orgs/${dealerId}`);
  await expect(page.getByTestId('company-page')).toBeVisible(firstLoad);
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: d.nav })
    .click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${dealerId}/documents$`));
  // The pointer leaves the nav link it clicked (a hovered link is not what axe should judge).
  await page.mouse.move(0, 0);
  await expect(page.getByRole('heading', { level: 1, name: d.title })).toBeVisible();
  await expect(page.getByTestId('document-row').first()).toBeVisible(firstLoad);
  await checkA11y('company documents');

  // «Запросить счёт» for the order: picked by its number.
  await page.getByTestId('request-invoice').click();
  const dialog = page.getByRole('dialog', { name: d.request.title });
  const orderBox = dialog.getByRole('combobox', { name: d.request.order });
  await orderBox.fill(order.number);
  await expect(page.getByRole('option', { name: new RegExp(order.number) })).toBeVisible();
  // The keyboard picks the only option the number leaves (the dropdown inside a modal keeps re-positioning).
  await orderBox.press('ArrowDown');
  await orderBox.press('Enter');
  await expect(orderBox).toHaveValue(new RegExp(order.number));
  await checkA11y('request an invoice');
  await dialog.getByRole('button', { name: d.request.submit }).click();
  await expect(dialog).toBeHidden();
  const [invoice] = await documentsOf(page, dealerId, `orderId=${order.id}`);
  if (!invoice) throw new Error('no invoice for the order');
  await expect(page.getByText(d.request.created.replace('{{number}}', invoice.number))).toBeVisible();
  // By kind and number: an act or a UPD of another journey may carry the same number.
  const row = page.locator(
    `[data-testid="document-row"][data-kind="invoice"][data-number="${invoice.number}"]`,
  );
  await expect(row).toBeVisible();
  await expect(row).toContainText(d.kind.invoice);
  await expect(row.getByTestId('document-status')).toHaveText(d.status.issued);
  await expect(row.getByTestId('document-order')).toContainText(order.number);

  // Preview: the PDF in a frame on a desktop, open/download links on a phone.
  await row.getByTestId('document-preview-open').click();
  const preview = page.getByTestId('document-preview');
  await expect(preview).toBeVisible();
  if (isMobile) await expect(preview.getByText(d.preview.phoneHint)).toBeVisible();
  else
    await expect(preview.getByTestId('document-preview-frame')).toHaveAttribute(
      'src',
      `${invoice.url}?disposition=inline`,
    );
  const downloading = page.waitForEvent('download');
  await preview.getByTestId('document-preview-download').click();
  const download = await downloading;
  const pdf = await bytesOf(download);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(download.suggestedFilename()).toBe(invoice.fileName);
  expect(invoice.fileName).toContain(`№ ${invoice.number}`);
  const stored = await page.request.get(invoice.url);
  expect(Buffer.from(await stored.body()).equals(pdf)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // Filter by order number and type: this unshipped order has no УПД (other specs ship dealer orders, whose
  // УПД are generated), and exactly one invoice.
  const filters = page.getByTestId('document-filters');
  await filters.getByRole('textbox', { name: d.filters.orderNumber }).fill(order.number);
  await filters.getByRole('combobox', { name: d.filters.kind }).click();
  await page.getByRole('option', { name: d.kind.upd, exact: true }).click();
  await filters.getByRole('button', { name: d.filters.apply }).click();
  await expect(page.getByTestId('documents-empty')).toBeVisible();
  await filters.getByRole('combobox', { name: d.filters.kind }).click();
  await page.getByRole('option', { name: d.kind.invoice, exact: true }).click();
  await filters.getByRole('button', { name: d.filters.apply }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toHaveAttribute('data-number', invoice.number);
  await filters.getByRole('textbox', { name: d.filters.orderNumber }).fill('');
  await filters.getByRole('button', { name: d.filters.apply }).click();
  await expect(
    page.locator(`[data-testid="document-row"][data-kind="invoice"][data-number="${amountInvoice.number}"]`),
  ).toBeVisible();

  // Two documents of this run as one ZIP.
  for (const doc of [invoice, amountInvoice])
    await page
      .locator(`[data-testid="document-row"][data-kind="invoice"][data-number="${doc.number}"]`)
      .getByTestId('document-select')
      .check();
  await expect(page.getByTestId('document-selection')).toContainText(
    d.selection.count.replace('{{count}}', '2'),
  );
  await checkA11y('documents with a selection');
  const zipping = page.waitForEvent('download');
  await page.getByTestId('document-zip').click();
  const zip = await zipping;
  expect(zip.suggestedFilename()).toMatch(/^documents-\d{4}-\d{2}-\d{2}\.zip$/);
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-e2e-zip-'));
  try {
    expect(zipNames(await bytesOf(zip), dir).sort()).toEqual(
      [invoice.fileName, amountInvoice.fileName].sort(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The order page lists the invoice and offers no second one.
  await row.getByTestId('document-order').click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${dealerId}/orders/${order.id}$`));
  const block = page.getByTestId('order-documents');
  await expect(block.getByTestId('order-document')).toHaveCount(1);
  await expect(block.getByTestId('document-download')).toHaveAttribute('href', invoice.url);
  await expect(block.getByTestId('order-request-invoice')).toHaveCount(0);
});
