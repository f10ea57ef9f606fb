import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { signInAs as signIn } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const cat = ru.catalog;
/**
 * Demo catalog (src/db/seed/demo-catalog-data.ts): in «Картриджи» the customer has a personal −10% and the dealer
 * «ВодоСервис» a contract price on the 5 µm cartridge; guests see retail.
 */
const parent = 'Водоподготовка';
const cartridges = 'Картриджи';
const cartridge = 'Картридж полипропиленовый 5 мкм 10"';
const filters = 'Фильтры для воды';
const bigBlue10 = 'Фильтр магистральный Big Blue 10"';
const bigBlue20 = 'Фильтр магистральный Big Blue 20"';
const industrial = 'Промышленные системы';
/** The first page of a fresh sign-in loads the session, categories and prices: give a busy machine time. */
const firstLoad = { timeout: 30_000 };

/** Opens a category from the tree, through its parents (in a drawer on a phone). */
async function openCategory(page: Page, isMobile: boolean, ...path: string[]) {
  for (const name of path) {
    if (isMobile) await page.getByTestId('open-categories').click();
    await page.getByTestId('category-tree').getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  await expect(page.getByTestId('product-grid').getByTestId('product-card').first()).toBeVisible();
}

/** The price shown on each product card of the page, by SKU. */
async function pricesBySku(page: Page): Promise<Record<string, string>> {
  const cards = page.getByTestId('product-grid').getByTestId('product-card');
  const prices: Record<string, string> = {};
  for (const card of await cards.all()) {
    const sku = (await card.getByTestId('product-sku').textContent()) ?? '';
    prices[sku] = (await card.getByTestId('price').textContent()) ?? '';
  }
  return prices;
}

test.describe('[CABINET] catalog', () => {
  test('[CABINET] catalog: a guest, a customer and a dealer buyer see their own prices and stock in one category', async ({
    page,
    baseURL,
    isMobile,
    checkA11y,
    consoleProblems,
  }) => {
    test.slow(); // three people, three axe scans

    // A guest browses without signing in: retail prices and a stock level, never quantities.
    await page.goto('/catalog');
    await expect(page.getByRole('heading', { level: 1, name: cat.title })).toBeVisible(firstLoad);
    await expect(page.getByTestId('guest-prices-note')).toBeVisible();
    if (isMobile) await page.getByTestId('open-categories').click();
    await expect(page.getByTestId('category-tree').getByRole('button', { name: parent })).toBeVisible();
    await expect(page.getByTestId('category-tree').getByRole('button', { name: industrial })).toHaveCount(0);
    if (isMobile) await page.keyboard.press('Escape');
    await openCategory(page, isMobile, parent, cartridges);
    const categoryQuery = new URL(page.url()).search;
    expect(categoryQuery).toMatch(/category=/);
    const guestCard = page
      .getByTestId('product-grid')
      .getByTestId('product-card')
      .filter({ hasText: cartridge });
    await expect(guestCard.getByTestId('price-value')).toBeVisible();
    await expect(guestCard.getByTestId('stock-level')).toBeVisible();
    await expect(page.getByTestId('stock-total')).toHaveCount(0);
    const guestPrices = await pricesBySku(page);
    await checkA11y('catalog category, guest');

    // The retail customer opens the same link: their own prices (personal discount or promotion), still a level.
    await signIn(page, baseURL as string, demoPeople.customer);
    await page.goto(`/catalog${categoryQuery}`);
    await expect(page.getByRole('heading', { level: 1, name: cartridges })).toBeVisible(firstLoad);
    await expect(page.getByTestId('guest-prices-note')).toHaveCount(0);
    const customerCard = page
      .getByTestId('product-grid')
      .getByTestId('product-card')
      .filter({ hasText: cartridge });
    await expect(customerCard.getByTestId('price-rule')).toHaveText(
      cat.price.rule.discount.replace('{{percent}}', '10'),
    );
    await expect(customerCard.getByTestId('price-base')).toBeVisible();
    await expect(page.getByTestId('stock-total')).toHaveCount(0);
    const customerPrices = await pricesBySku(page);
    expect(customerPrices, 'the customer sees other prices than a guest').not.toEqual(guestPrices);
    await checkA11y('catalog category, customer');

    // The dealer's buyer switches the catalog to the company: contract prices and stock per warehouse.
    await signIn(page, baseURL as string, demoPeople.buyer);
    await page.goto(`/catalog${categoryQuery}`);
    await page.getByRole('combobox', { name: cat.scope.label }).click();
    await page.getByRole('option', { name: demoCompanies.dealer }).click();
    await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}\/catalog\?.*category=/);
    await expect(page.getByRole('heading', { level: 1, name: cartridges })).toBeVisible(firstLoad);
    const dealerCard = page
      .getByTestId('product-grid')
      .getByTestId('product-card')
      .filter({ hasText: cartridge });
    await expect(dealerCard.getByTestId('price-rule')).toHaveText(cat.price.rule.contract);
    await expect(dealerCard.getByTestId('stock-total')).toBeVisible();
    await expect(dealerCard.getByTestId('product-pack')).toBeVisible();
    const dealerPrices = await pricesBySku(page);
    expect(dealerPrices, 'the dealer sees other prices than a guest').not.toEqual(guestPrices);
    expect(dealerPrices, 'the dealer sees other prices than the customer').not.toEqual(customerPrices);

    // The product page of the company shows the stock of each warehouse and the cost calculator.
    await dealerCard.getByTestId('product-name').click();
    await expect(page.getByRole('heading', { level: 1, name: cartridge })).toBeVisible();
    await expect(page.getByTestId('stock-warehouse-row')).toHaveCount(3);
    await expect(page.getByTestId('calculator-total')).toBeVisible();
    await expect(page.getByTestId('calculator-next-break')).toBeVisible();
    await checkA11y('product page, dealer buyer');
    consoleProblems.expectNone();
  });

  test('[CABINET] catalog: a search with a typo finds the product', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    await page.goto('/catalog');
    await page.getByRole('searchbox', { name: cat.search.label }).fill('фильтер магистральный');
    await page.getByRole('button', { name: cat.search.submit }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(
      page.getByRole('heading', {
        level: 1,
        name: cat.search.resultsFor.replace('{{q}}', 'фильтер магистральный'),
      }),
    ).toBeVisible();
    await expect(
      page.getByTestId('product-grid').getByTestId('product-card').filter({ hasText: bigBlue10 }),
    ).toBeVisible();
    await checkA11y('search results');

    // An exact SKU puts its product first.
    await page.getByRole('searchbox', { name: cat.search.label }).fill('FLT-BB20');
    await page.getByRole('button', { name: cat.search.submit }).click();
    await expect(page.getByTestId('product-grid').getByTestId('product-card').first()).toContainText(
      bigBlue20,
    );

    // The link reproduces the view.
    await page.reload();
    await expect(page.getByTestId('product-grid').getByTestId('product-card').first()).toContainText(
      bigBlue20,
    );
    consoleProblems.expectNone();
  });

  test('[CABINET] catalog: a customer adds products to favorites and compare and compares them', async ({
    page,
    baseURL,
    isMobile,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow(); // a fresh account waits for its confirmation e-mail

    // A guest is asked to sign in: the lists are kept in the person's cabinet.
    await page.goto('/catalog');
    await openCategory(page, isMobile, parent, filters);
    const categoryQuery = new URL(page.url()).search;
    await page
      .getByTestId('product-grid')
      .getByTestId('product-card')
      .first()
      .getByTestId('toggle-favorites')
      .click();
    await expect(page).toHaveURL(/\/sign-in\?redirect=/);

    await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
    await page.goto(`/catalog${categoryQuery}`);
    for (const name of [bigBlue10, bigBlue20]) {
      const card = page.getByTestId('product-grid').getByTestId('product-card').filter({ hasText: name });
      await card.getByTestId('toggle-favorites').click();
      await expect(card.getByTestId('toggle-favorites')).toHaveAttribute('aria-pressed', 'true');
      await card.getByTestId('toggle-compare').click();
      await expect(card.getByTestId('toggle-compare')).toHaveAttribute('aria-pressed', 'true');
    }
    await checkA11y('catalog with favorites and compare');

    await page.getByRole('link', { name: cat.lists.compare.title }).click();
    await expect(page).toHaveURL(/\/catalog\/compare$/);
    await expect(page.getByRole('heading', { level: 1, name: cat.lists.compare.title })).toBeVisible();
    const table = page.getByTestId('compare-table');
    await expect(table.getByRole('columnheader', { name: new RegExp(bigBlue10) })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: new RegExp(bigBlue20) })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: cat.product.skuLabel })).toBeVisible();
    // The SKUs differ, so their row is highlighted as a difference.
    await expect(page.getByTestId('compare-row').filter({ hasText: 'FLT-BB10' })).toHaveAttribute(
      'data-diff',
      'true',
    );
    await checkA11y('compare table');

    await page.goto('/catalog/favorites');
    await expect(page.getByTestId('favorites-list').getByTestId('product-card')).toHaveCount(2);
    consoleProblems.expectNone();
  });
});
