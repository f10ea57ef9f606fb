import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * Targeted promotions of issue 8 (docs/offers.md): the demo customer sees the demo promotion for every retail
 * customer on the cabinet home and in the catalog; an admin adds a promotion for a segment in the back office and
 * the customer then sees it.
 */

const o = texts.ru.offers;
const firstLoad = { timeout: 30_000 };
const demoPromotion = 'Неделя фильтров: −15% на картриджи';

test('[PERSONAL] offers: a customer sees the promotion for retail customers on the home page and in the catalog', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/');
  const offers = page.getByTestId('home-offers');
  await expect(offers.getByRole('heading', { name: o.home.title })).toBeVisible(firstLoad);
  const promotion = offers.getByRole('article', { name: demoPromotion });
  await expect(promotion).toBeVisible();
  await expect(promotion.getByText('FILTER15')).toBeVisible();
  await expect(offers.getByRole('article', { name: 'Бесплатная доставка первого заказа' })).toBeVisible();
  await checkA11y('home offers');

  await page.goto('/catalog');
  const banners = page.getByTestId('catalog-offers');
  await expect(banners.getByRole('article', { name: demoPromotion })).toBeVisible(firstLoad);
  await checkA11y('catalog offers');
  consoleProblems.expectNone();
});

test('[BACKOFFICE] offers: an admin creates a promotion for a segment and the customer sees it', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const title = `Скидка на смесители ${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInAs(page, baseURL as string, demoPeople.admin);
  await page.goto('/admin/offers');
  await expect(page.getByRole('heading', { level: 1, name: o.admin.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('promotions-table')).toBeVisible();
  await checkA11y('offers back office');

  await page.getByRole('tab', { name: o.admin.tabs.segments }).click();
  await expect(page.getByTestId('segments-table')).toBeVisible();
  await expect(page.getByTestId('segment-count').first()).toBeVisible();
  await checkA11y('offers segments');
  await page.getByRole('tab', { name: o.admin.tabs.promotions }).click();

  await page.getByTestId('promotion-new').click();
  await page.getByRole('textbox', { name: o.admin.titleRu, exact: true }).fill(title);
  await page.getByRole('textbox', { name: o.admin.textRu, exact: true }).fill('Только на этой неделе.');
  await page.getByRole('textbox', { name: o.admin.priority }).fill('500');
  await page.getByRole('combobox', { name: o.admin.segments }).click({ force: true });
  await page.getByRole('option', { name: 'Все розничные покупатели' }).click();
  await page.keyboard.press('Escape');
  await checkA11y('new promotion form');
  await page.getByTestId('promotion-save').click();
  await expect(page.getByTestId('promotions-table').getByText(title, { exact: true })).toBeVisible();

  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/');
  await expect(page.getByTestId('home-offers').getByRole('article', { name: title })).toBeVisible(firstLoad);
  await page.goto('/catalog');
  await expect(page.getByTestId('catalog-offers').getByRole('article', { name: title })).toBeVisible(
    firstLoad,
  );
  consoleProblems.expectNone();
});
