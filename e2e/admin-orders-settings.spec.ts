import { expect, test } from './fixtures';
import { lockSecuritySettings, unlockSecuritySettings } from './fixtures/settings-lock';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const s = ru['orders-admin'].settings;

test.describe('[BACK OFFICE] ordering rules', () => {
  // Portal-wide settings: one test at a time switches them (the lock the security settings tests use).
  test.beforeEach(async ({ baseURL }) => lockSecuritySettings(baseURL));
  test.afterEach(() => unlockSecuritySettings());

  test('[BACK OFFICE] ordering rules: an operator sends orders over the credit limit to approval, then back to refusal', async ({
    page,
    isMobile,
    signInAsOperator,
    checkA11y,
  }) => {
    await signInAsOperator();
    if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
    await page
      .getByRole('navigation', { name: ru.shell.navigation })
      .getByRole('link', { name: s.nav })
      .click();
    const heading = page.getByRole('heading', { level: 1, name: s.title });
    await expect(heading).toBeVisible();
    await heading.hover();
    const refuse = page.getByRole('radio', { name: s.policies.refuse });
    const approval = page.getByRole('radio', { name: s.policies.approval });
    await expect(refuse).toBeChecked();
    await checkA11y('ordering rules');

    const save = page.getByRole('button', { name: ru['orders-admin'].save });
    await expect(save).toBeDisabled();
    await approval.check();
    await save.click();
    await expect(page.getByText(s.saved)).toBeVisible();
    await page.reload();
    await expect(approval).toBeChecked();

    await refuse.check();
    await save.click();
    await expect(page.getByText(s.saved).first()).toBeVisible();
    await page.reload();
    await expect(refuse).toBeChecked();
  });
});
