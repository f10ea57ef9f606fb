import { E2E_OPERATOR_TOKEN } from './env';
import { expect, portalSettings, test } from './fixtures';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test.describe('[BACK OFFICE] dev mailbox', () => {
  test('[BACK OFFICE] dev mailbox: an operator opens the link from the server and reads the welcome e-mail', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    const settings = await portalSettings(page);
    // The link the server prints at start, opened in the browser (other tests take a ready operator cookie).
    await page.goto(`/api/v1/auth/operator?token=${E2E_OPERATOR_TOKEN}`);
    await expect(page).toHaveURL(/\/admin\/mailbox$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.devmail.title })).toBeVisible();

    // The demo seed queues a welcome e-mail through a background job: it arrives within seconds. Other tests
    // send many more, so the operator filters by the recipient.
    await page.getByTestId('mailbox-filter-to').fill('admin@demo.kabinet.local');
    // The welcome e-mail is the one whose subject names the portal (staff also get agreement and order mail).
    const welcome = page
      .getByTestId('mail-row')
      .filter({ hasText: 'admin@demo.kabinet.local' })
      .filter({ has: page.getByTestId('mail-row-subject').filter({ hasText: 'Kabinet' }) });
    await expect(async () => {
      await page.getByRole('button', { name: ru.common.refresh }).click();
      await expect(welcome.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await checkA11y('dev mailbox list');

    // The operator's back-office item is in the navigation, and the user menu names them.
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('user-name')).toHaveText('Operator');
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signOut })).toBeVisible();
    await checkA11y('dev mailbox with the user menu open');
    await page.keyboard.press('Escape');
    await expect(
      page
        .getByRole('navigation', { name: ru.shell.navigation })
        .getByRole('link', { name: ru.nav.devMailbox }),
    ).toHaveCount(1);

    const subject = ((await welcome.first().getByTestId('mail-row-subject').textContent()) ?? '').trim();
    expect(subject).toContain('Kabinet');
    await welcome.first().click();
    await expect(page).toHaveURL(/\/admin\/mailbox\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText('admin@demo.kabinet.local')).toBeVisible();

    const frame = page.getByTestId('mail-html');
    if (await frame.count()) {
      // HTML mail is shown in a fully sandboxed frame with an accessible title.
      await expect(frame).toHaveAttribute('sandbox', '');
      await expect(frame).toHaveAttribute('title', /.+/);
      await expect(page.frameLocator('[data-testid="mail-html"]').locator('body')).toContainText(
        settings.name,
      );
      await page.getByRole('tab', { name: ru.devmail.asText }).click();
    }
    await expect(page.getByTestId('mail-text')).toContainText(settings.name);
    await checkA11y('dev mailbox message');

    await page.getByRole('link', { name: ru.devmail.backToList }).click();
    await expect(page).toHaveURL(/\/admin\/mailbox$/);
    await page.getByTestId('mailbox-filter-to').fill('admin@demo.kabinet.local');
    await expect(welcome.first()).toBeVisible();
    // Chromium reports each script the test tools try to run inside the sandboxed preview: that is the sandbox working.
    consoleProblems.expectNone([/Blocked script execution in 'about:srcdoc'/]);
  });

  test('[BACK OFFICE] dev mailbox: without the operator link a visitor sees the no-access state', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    await page.goto('/admin/mailbox');
    const noAccess = page.getByTestId('no-access');
    await expect(noAccess).toBeVisible();
    await expect(noAccess.getByRole('heading', { name: ru.devmail.noAccess.title })).toBeVisible();
    await expect(noAccess).toContainText('/api/v1/auth/operator?token=');
    await expect(page.getByTestId('mail-row')).toHaveCount(0);
    await checkA11y('dev mailbox without access');

    await noAccess.getByRole('link', { name: ru.notFound.home, exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    // The browser logs the API's 401 as a failed resource load; nothing else may go wrong.
    consoleProblems.expectNone([/status of 401/]);
  });

  test('[BACK OFFICE] dev mailbox: an operator signs out and loses access', async ({
    page,
    signInAsOperator,
    consoleProblems,
  }) => {
    await signInAsOperator();
    await expect(page.getByRole('heading', { level: 1, name: ru.devmail.title })).toBeVisible();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
    await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();
    await expect(page.getByTestId('no-access')).toBeVisible();
    await page.getByTestId('user-menu').click();
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signIn })).toHaveAttribute(
      'href',
      `/sign-in?redirect=${encodeURIComponent('/admin/mailbox')}`,
    );
    consoleProblems.expectNone([/status of 401/]);
  });
});
