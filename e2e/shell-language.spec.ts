import { expect, portalSettings, test } from './fixtures';
import { texts } from './fixtures/texts';

const { ru, en } = texts;

test('[CABINET] language: a visitor switches the portal to English, reloads, and switches back to Russian', async ({
  page,
  checkA11y,
  consoleProblems,
}) => {
  const settings = await portalSettings(page);
  await page.goto('/');
  const html = page.locator('html');
  await expect(page.getByRole('heading', { level: 1, name: ru.home.greeting })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'ru');

  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();

  await expect(page.getByRole('heading', { level: 1, name: en.home.greeting })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: en.home.cabinetsTitle })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle(`${en.home.pageTitle} · ${settings.name}`);
  await expect(page.getByRole('button', { name: en.shell.theme.toDark })).toBeVisible();
  await checkA11y('home in English');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en.home.greeting })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('kabinet-language'))).toBe('en');

  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { level: 1, name: ru.home.greeting })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'ru');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: ru.home.greeting })).toBeVisible();
  consoleProblems.expectNone();
});
