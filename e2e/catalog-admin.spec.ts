import { expect, submitSignIn, test } from './fixtures';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ca = texts.ru['catalog-admin'];

test('[BACKOFFICE] catalog: an admin creates a product with a price and finds it in the list', async ({
  page,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.admin.email, demoPeople.admin.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/admin/catalog');
  await expect(page.getByRole('heading', { level: 1, name: ca.products.title })).toBeVisible();
  await expect(page.getByTestId('product-row').first()).toBeVisible();
  await checkA11y('catalog products');

  // Each project (desktop, phone) creates its own product: SKUs are unique.
  const sku = `E2E-${testInfo.project.name.toUpperCase()}-${Date.now().toString(36)}`;
  const name = `Фильтр тестовый ${testInfo.project.name}`;
  await page.getByRole('button', { name: ca.products.create }).click();
  const dialog = page.getByRole('dialog', { name: ca.products.create });
  await dialog.getByRole('textbox', { name: ca.products.sku }).fill(sku);
  await dialog.getByRole('textbox', { name: ca.products.name }).fill(name);
  await dialog.getByRole('textbox', { name: ca.products.retailPrice }).fill('1234.5');
  await checkA11y('create product dialog');
  await dialog.getByRole('button', { name: ca.create }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox', { name: ca.products.search }).fill(sku);
  const row = page.getByTestId('product-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  await expect(row).toContainText(/1\s234,50\s₽/);
  await checkA11y('catalog products filtered');

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('tab', { name: ca.product.tabs.prices }).click();
  await expect(page.getByRole('textbox', { name: ca.prices.amount }).first()).toHaveValue(/1\s?234[.,]5/);
  await checkA11y('product editor, prices');
  consoleProblems.expectNone();
});
