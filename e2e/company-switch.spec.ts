import type { Page } from '@playwright/test';
import { expect, submitSignIn, test } from './fixtures';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const { buyer } = demoPeople;

/** Opens the context switcher (on a phone it sits in the navigation behind the burger). */
async function openSwitcher(page: Page, isMobile: boolean) {
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page.getByTestId('context-switcher').click();
}

test.describe('[COMPANY] context', () => {
  test('[COMPANY] context: a person in two companies switches between them', async ({
    page,
    isMobile,
    checkA11y,
    consoleProblems,
  }) => {
    test.slow(); // two companies, three axe scans and a second tab
    await page.goto('/sign-in');
    await submitSignIn(page, buyer.email, buyer.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page.getByRole('heading', { level: 1, name: ru.home.greetingNamed.replace('{{name}}', 'Сергей') }),
    ).toBeVisible();

    // The switcher starts in the personal cabinet and lists both companies with the role in each.
    if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
    await expect(page.getByTestId('context-name')).toHaveText(ru.contexts.personal);
    await page.getByTestId('context-switcher').click();
    const personal = page.getByRole('menuitem', { name: new RegExp(ru.contexts.personal) });
    const dealer = page.getByRole('menuitem', { name: new RegExp(demoCompanies.dealer) });
    const client = page.getByRole('menuitem', { name: new RegExp(demoCompanies.client) });
    await expect(personal).toHaveAttribute('aria-current', 'page');
    await expect(dealer).toContainText(ru.companies.roles.buyer);
    await expect(client).toContainText(ru.companies.roles.viewer);
    await checkA11y('context switcher open');

    await dealer.click();
    await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}$/);
    const dealerUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: demoCompanies.dealer })).toBeVisible();
    await expect(page.getByTestId('company-my-role')).toHaveText(ru.companies.roles.buyer);
    await expect(page.getByText('7707123458')).toBeVisible();
    const me = page.getByTestId('member-row').filter({ hasText: buyer.name });
    await expect(me).toContainText(ru.companies.members.you);
    await expect(me).toContainText(ru.companies.roles.buyer);
    await expect(page).toHaveTitle(new RegExp(`^${demoCompanies.dealer} · `));
    await checkA11y('company cabinet with members');

    await openSwitcher(page, isMobile);
    await expect(dealer).toHaveAttribute('aria-current', 'page');
    await client.click();
    await expect(page.getByRole('heading', { level: 1, name: demoCompanies.client })).toBeVisible();
    await expect(page).not.toHaveURL(dealerUrl);
    await expect(page.getByTestId('company-my-role')).toHaveText(ru.companies.roles.viewer);
    const restricted = page.getByTestId('members-restricted');
    await expect(restricted).toContainText(ru.companies.members.restricted.title);
    await expect(page.getByTestId('member-row')).toHaveCount(0);
    await checkA11y('company cabinet, members not allowed');

    // The URL carries the company: a second tab works in the other company at the same time.
    const secondTab = await page.context().newPage();
    await secondTab.goto(dealerUrl);
    await expect(secondTab.getByRole('heading', { level: 1, name: demoCompanies.dealer })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: demoCompanies.client })).toBeVisible();
    await secondTab.close();

    await openSwitcher(page, isMobile);
    await personal.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page.getByRole('heading', { level: 1, name: ru.home.greetingNamed.replace('{{name}}', 'Сергей') }),
    ).toBeVisible();
    if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
    await expect(page.getByTestId('context-name')).toHaveText(ru.contexts.personal);
    consoleProblems.expectNone();
  });

  test('[COMPANY] context: a company the person does not belong to shows a not-found state', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    // A guest is asked to sign in first, and comes back here afterwards.
    const foreign = '/orgs/01900000-0000-7000-8000-000000000000';
    await page.goto(foreign);
    const signIn = page.getByTestId('company-sign-in');
    await expect(
      signIn.getByRole('heading', { level: 1, name: ru.companies.signInRequired.title }),
    ).toBeVisible();
    await checkA11y('company cabinet for a guest');
    await signIn.getByRole('link', { name: ru.shell.user.signIn }).click();
    await submitSignIn(page, buyer.email, buyer.password);
    await expect(page).toHaveURL(new RegExp(`${foreign}$`));

    const notFound = page.getByTestId('company-not-found');
    await expect(
      notFound.getByRole('heading', { level: 1, name: ru.companies.notFound.title }),
    ).toBeVisible();
    await checkA11y('company not found');
    // The browser logs the API's 404 as a failed resource load; nothing else may go wrong.
    consoleProblems.expectNone([/status of 404/]);
  });
});
