import type { APIRequestContext, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, submitSignIn, test } from './fixtures';
import { operatorClient } from './fixtures/operator';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const tr = texts.ru['catalog-transfer'];
const base = '/api/v1/admin/catalog/transfer';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Big enough that checking the file takes a visible moment. */
const rowCount = 3000;
const skuOf = (i: number) => `E2E-IMP-${String(i).padStart(4, '0')}`;

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Прайс');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Waits until a transfer leaves the running statuses and returns it. */
async function settled(api: APIRequestContext, id: string) {
  for (let i = 0; i < 240; i++) {
    const transfer = await (await api.get(`${base}/transfers/${id}`)).json();
    if (!['queued', 'uploaded', 'validating', 'applying', 'exporting'].includes(transfer.status))
      return transfer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`transfer ${id} did not finish`);
}

/** The products of the price list, imported through the same API (unchanged on the second project's run). */
async function ensureProducts(baseURL: string) {
  const api = await operatorClient(baseURL);
  const rows: (string | number)[][] = [['sku', 'name', 'unit']];
  for (let i = 0; i < rowCount; i++) rows.push([skuOf(i), `Товар для проверки импорта ${i}`, 'шт']);
  const headers = { Origin: new URL(baseURL).origin };
  const res = await api.post(`${base}/imports?kind=products`, {
    headers,
    multipart: { file: { name: 'products.xlsx', mimeType: xlsxType, buffer: await workbook(rows) } },
  });
  expect(res.status(), await res.text()).toBe(202);
  const checked = await settled(api, (await res.json()).id);
  expect(checked).toMatchObject({ status: 'validated', errorCount: 0 });
  if (checked.counts.create + checked.counts.update === 0) return;
  const applied = await api.post(`${base}/imports/${checked.id}/apply`, { headers, data: { mode: 'all' } });
  expect(applied.status()).toBe(202);
  expect((await settled(api, checked.id)).status).toBe('done');
}

async function signInAsAdmin(page: Page) {
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.admin.email, demoPeople.admin.password);
  await expect(page).toHaveURL(/\/$/);
}

test.describe('[BACK OFFICE] catalog import', () => {
  test('[BACK OFFICE] catalog import: an admin imports an XLSX price list and watches the progress bar', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }) => {
    test.slow();
    await ensureProducts(baseURL as string);
    // A price of its own for this run, so the change is new on every project and every run.
    const kopecks = 100_000 + (Date.now() % 9_000_000);
    const rows: (string | number)[][] = [['Артикул', 'Прайс-лист', 'От количества', 'Цена']];
    rows.push([skuOf(0), 'retail', 1, kopecks / 100]);
    for (let i = 1; i < rowCount; i++) rows.push([skuOf(i), 'retail', 1, `${1000 + i},50`]);

    await signInAsAdmin(page);
    await page.goto('/admin/catalog/transfer');
    await expect(page.getByRole('heading', { level: 1, name: tr.title })).toBeVisible();
    await checkA11y('catalog import page');

    const importSection = page.getByRole('region', { name: tr.import.title });
    await importSection.getByText(tr.kind.prices, { exact: true }).click();
    await importSection
      .locator('input[type=file]')
      .setInputFiles({ name: 'прайс.xlsx', mimeType: xlsxType, buffer: await workbook(rows) });

    const panel = page.getByTestId('transfer-panel');
    const progress = panel.getByRole('progressbar');
    await expect(progress).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'прайс.xlsx' })).toBeVisible();
    // The check runs in the background: the bar fills until the file is checked.
    await expect(panel.getByTestId('transfer-status')).toHaveText(tr.status.validated, { timeout: 60_000 });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await expect(panel.getByTestId('transfer-counts')).toContainText(/3\s000/);
    await checkA11y('checked import');

    await panel.getByRole('button', { name: tr.result.apply, exact: true }).click();
    await expect(panel.getByTestId('transfer-status')).toHaveText(tr.status.done, { timeout: 60_000 });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await expect(panel.getByTestId('transfer-done')).toBeVisible();

    // The new price is among the changes, formatted as money.
    const change = panel
      .getByTestId('transfer-changes')
      .getByRole('row')
      .filter({ hasText: skuOf(0) });
    await expect(change).toHaveCount(1);
    const after = await change.getByRole('cell').last().innerText();
    expect(after.replace(/\D/g, '')).toBe(String(kopecks));
    await expect(page.getByTestId('history-item').first()).toContainText('прайс.xlsx');
    await checkA11y('applied import');
    consoleProblems.expectNone();
  });
});
