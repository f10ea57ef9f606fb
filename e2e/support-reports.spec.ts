import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { companyId, placeOrder, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * Issue 7, support insights: the demo admin opens the support reports (the demo tickets, or the empty state),
 * downloads the workbook and checks it holds the page's figures; then opens the customer page of the demo
 * dealer's buyer, who has just placed an order, and finds it in the orders section.
 */

const r = texts.ru['support-reports'];
const c = texts.ru.customer360;
const firstLoad = { timeout: 30_000 };

test('[BACK OFFICE] support reports: figures, XLSX download, and the customer 360 page of a buyer', async ({
  page,
  baseURL,
  checkA11y,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  await signInAs(page, base, demoPeople.buyer);
  const orgId = await companyId(page, demoCompanies.dealer);
  const buyerId = (await (await page.request.get('/api/v1/me')).json()).user.id as string;
  const order = await placeOrder(page, base, `/orgs/${orgId}`, 1);

  await signInAs(page, base, demoPeople.admin);
  // Other journeys file requests meanwhile, so the page's figure lies between the API's before and after it.
  const createdNow = async () =>
    (await (await page.request.get('/api/v1/admin/support/reports')).json()).totals.created as number;
  const before = await createdNow();
  await page.goto('/admin/support/reports');
  await expect(page.getByRole('heading', { level: 1, name: r.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('kpi-created')).toHaveText(/\d/, firstLoad);
  const api = { totals: { created: await createdNow() } };
  const shown = Number((await page.getByTestId('kpi-created').innerText()).replace(/\D/g, ''));
  expect(shown).toBeGreaterThanOrEqual(before);
  expect(shown).toBeLessThanOrEqual(api.totals.created);
  if (api.totals.created === 0) await expect(page.getByTestId('report-empty')).toBeVisible();
  else await expect(page.getByTestId('report-operators')).toBeVisible();
  await checkA11y('support reports');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^(Отчёт поддержки |support-report-)\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/,
  );
  const path = await download.path();
  if (!path) throw new Error('the download has no file');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual(['Сводка', 'По темам', 'По операторам', 'По дням']);
  const summary = book.getWorksheet('Сводка')?.getRow(3).values as unknown[];
  expect(summary.slice(0, 2)).toEqual([undefined, 'Создано']);
  expect(summary[2]).toBeGreaterThanOrEqual(api.totals.created);
  expect(summary[2]).toBeLessThanOrEqual(await createdNow());

  await page.goto(`/admin/support/customers/${buyerId}?companyId=${orgId}`);
  await expect(page.getByRole('heading', { level: 1, name: demoPeople.buyer.name })).toBeVisible(firstLoad);
  const orders = page.getByTestId('c360-orders');
  await expect(orders.getByRole('heading', { name: c.orders.title })).toBeVisible(firstLoad);
  await expect(orders).toContainText(order.number);
  await expect(page.getByTestId('c360-companies')).toContainText(demoCompanies.dealer);
  await expect(page.getByTestId('c360-actions')).toContainText(order.number);
  await checkA11y('customer 360');
});
