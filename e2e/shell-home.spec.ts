import { expect, portalSettings, test } from './fixtures';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test.describe('[CABINET] home', () => {
  test('[CABINET] home: a visitor opens the portal and sees the business cabinet without errors', async ({
    page,
    consoleProblems,
    checkA11y,
  }) => {
    const settings = await portalSettings(page);
    await page.goto('/');

    await expect(page.getByTestId('business-name')).toHaveText(settings.name);
    await expect(page).toHaveTitle(`${ru.home.pageTitle} · ${settings.name}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: ru.home.greeting })).toBeVisible();
    await expect(page.getByText(ru.home.lead.replace('{{name}}', settings.name))).toBeVisible();

    // The five cabinets the portal will have, each marked as coming later.
    const cabinets = page.getByRole('article').filter({ has: page.getByText(ru.home.comingSoon) });
    await expect(cabinets).toHaveCount(5);
    for (const cabinet of Object.values(ru.home.cabinets)) {
      await expect(page.getByRole('heading', { level: 3, name: cabinet.title })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 2, name: ru.home.start.title })).toBeVisible();

    // Landmarks: header, navigation and main content.
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    if (settings.demo) await expect(page.getByText(ru.home.demo.title)).toBeVisible();

    await checkA11y('home');
    consoleProblems.expectNone();
  });

  test('[CABINET] home: a guest opens the user menu and finds the way to sign in and to sign up', async ({
    page,
    checkA11y,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: ru.shell.user.menu }).click();
    const signIn = page.getByRole('menuitem', { name: ru.shell.user.signIn });
    await expect(signIn).toBeVisible();
    await expect(signIn).toHaveAttribute('href', '/sign-in');
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signUp })).toHaveAttribute(
      'href',
      '/sign-up',
    );
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signOut })).toHaveCount(0);
    await checkA11y('home with the user menu open');

    await signIn.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.identity.signIn.title })).toBeVisible();
  });

  test('[CABINET] theme: a visitor switches to the dark theme and it stays after a reload', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    await page.goto('/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    const body = page.locator('body');
    const lightBackground = await body.evaluate((element) => getComputedStyle(element).backgroundColor);

    await page.getByRole('button', { name: ru.shell.theme.toDark }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect
      .poll(() => body.evaluate((element) => getComputedStyle(element).backgroundColor))
      .not.toBe(lightBackground);
    await checkA11y('home, dark theme');

    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByRole('button', { name: ru.shell.theme.toLight })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('kabinet-color-scheme'))).toBe('dark');

    await page.getByRole('button', { name: ru.shell.theme.toLight }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    consoleProblems.expectNone();
  });

  test('[CABINET] not found: a visitor follows a broken link, sees the 404 page and gets back home', async ({
    page,
    checkA11y,
  }) => {
    await page.goto('/no-such-section/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: ru.notFound.title })).toBeVisible();
    await expect(page.getByTestId('not-found')).toContainText('/no-such-section/no-such-page');
    // The shell stays around the 404 page, so the person is not lost.
    await expect(page.getByRole('banner')).toBeVisible();
    await checkA11y('404 page');

    await page.getByTestId('not-found').getByRole('link', { name: ru.notFound.home, exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.home.greeting })).toBeVisible();
  });
});
