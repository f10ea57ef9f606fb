import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru.carts;
/** Demo catalog (src/db/seed/demo-catalog-data.ts): a cartridge everyone sees, a cable sold by 5 m from 10 m. */
const cartridgeSku = 'CRT-PP5-10';
const cartridge = 'Картридж полипропиленовый 5 мкм 10"';
const cableSku = 'CBL-KVV-4x1.5';
const firstLoad = { timeout: 30_000 };

/** The id of a product by SKU in a scope's catalog API. */
async function productId(page: Page, scope: string, sku: string): Promise<string> {
  const res = await page.request.get(`/api/v1/${scope}/catalog/products?q=${encodeURIComponent(sku)}`);
  expect(res.ok(), await res.text()).toBe(true);
  const item = (await res.json()).items.find((p: { sku: string }) => p.sku === sku);
  expect(item, `product ${sku}`).toBeTruthy();
  return item.id;
}

test.describe('[B2C] carts', () => {
  test('[B2C] carts: a guest adds a product to the cart, signs up and changes the quantity', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow();
    // As a guest: add from the product page.
    await page.goto(`/catalog/products/${await productId(page, 'public', cartridgeSku)}`);
    await expect(page.getByRole('heading', { level: 1, name: cartridge })).toBeVisible(firstLoad);
    await page.getByTestId('calculator-quantity').fill('2');
    await page.getByTestId('calculator-quantity').blur();
    await page.getByTestId('calculator').getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-indicator')).toContainText('1');
    await page.goto('/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(1, firstLoad);
    await expect(page.getByTestId('cart-line-quantity')).toHaveValue('2');
    await checkA11y('guest cart');

    // Sign up, then sign in with the password: the guest cart follows into the account.
    const account = await createVerifiedAccount(
      page,
      baseURL ?? '',
      testInfo.project.name,
      'Покупатель Корзины',
    );
    const signIn = await page.request.post('/api/v1/auth/sign-in/email', {
      headers: { Origin: new URL(baseURL ?? '').origin },
      data: { email: account.email, password: account.password },
    });
    expect(signIn.ok(), await signIn.text()).toBe(true);

    await page.goto('/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(1, firstLoad);
    const qty = page.getByTestId('cart-line-quantity');
    await expect(qty).toHaveValue('2');
    const before = await page.getByTestId('cart-sum').textContent();
    await qty.fill('5');
    await qty.press('Enter');
    await expect(page.getByTestId('cart-sum')).not.toHaveText(before ?? '');
    await expect(qty).toHaveValue('5');
    await expect(page.getByTestId('cart-checkout')).toHaveAttribute('href', /\/checkout\?cart=/);
    await checkA11y('personal cart');
    consoleProblems.expectNone();
  });
});

test.describe('[B2B] carts', () => {
  test('[B2B] carts: a dealer buyer adds from a product page and pastes SKUs into quick order of a shared cart', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow();
    const origin = new URL(baseURL ?? '').origin;
    await page.context().clearCookies();
    const res = await page.request.post('/api/v1/auth/sign-in/email', {
      headers: { Origin: origin },
      data: { email: demoPeople.buyer.email, password: demoPeople.buyer.password },
    });
    expect(res.ok(), await res.text()).toBe(true);
    const me = await (await page.request.get('/api/v1/me')).json();
    const orgId = me.contexts.companies.find((c: { name: string }) => c.name === demoCompanies.dealer).id;

    // From the product page of the company catalog into the default cart.
    await page.goto(`/orgs/${orgId}/catalog/products/${await productId(page, `orgs/${orgId}`, cableSku)}`);
    // The product's own button (related products on the page have theirs).
    const addToCart = page.getByTestId('calculator').getByTestId('add-to-cart');
    await expect(addToCart).toBeVisible(firstLoad);
    await addToCart.click();
    await expect(page.getByTestId('cart-indicator')).not.toHaveText('0');

    // A new shared cart, filled by quick order.
    await page.goto(`/orgs/${orgId}/carts`);
    await expect(page.getByRole('heading', { level: 1, name: ru.companyTitle })).toBeVisible(firstLoad);
    const name = `Объект ${testInfo.project.name} ${Date.now()}`;
    await page.getByTestId('new-cart-name').fill(name);
    await page.getByRole('checkbox', { name: ru.company.shared }).check();
    await page.getByRole('button', { name: ru.company.create }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible(firstLoad);
    await expect(page.getByTestId('cart-empty')).toBeVisible();
    await expect(page.getByTestId('cart-shared')).toBeChecked();
    await page.getByTestId('quick-order-text').fill(`${cableSku} 12\n${cartridgeSku};20\nNOPE-404 1\nмусор`);
    await page.getByTestId('quick-order-preview').click();
    await expect(page.getByTestId('quick-order-matched')).toHaveCount(2);
    await expect(page.getByTestId('quick-order-unknown')).toContainText('NOPE-404');
    await expect(page.getByTestId('quick-order-bad')).toContainText('мусор');
    await checkA11y('quick order preview');
    await page.getByTestId('quick-order-add').click();
    await expect(page.getByTestId('cart-line')).toHaveCount(2);
    await expect(
      page.getByTestId('cart-line').filter({ hasText: cableSku }).getByTestId('cart-line-quantity'),
    ).toHaveValue('15');
    await expect(page.getByTestId('cart-checkout')).toHaveAttribute(
      'href',
      new RegExp(`/orgs/${orgId}/checkout\\?cart=`),
    );
    await checkA11y('company cart');
    consoleProblems.expectNone();
  });
});
