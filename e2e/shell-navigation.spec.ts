import { expect, test } from './fixtures';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test.describe('[CABINET] navigation', () => {
  test('[CABINET] navigation: on a phone a visitor opens the menu with the burger and moves between pages', async ({
    page,
    isMobile,
    signInAsOperator,
    checkA11y,
  }) => {
    test.skip(!isMobile, 'the burger and the bottom bar exist on a phone only');
    await signInAsOperator();
    await page.goto('/');
    const navigation = page.getByRole('navigation', { name: ru.shell.navigation });
    const mailboxLink = navigation.getByRole('link', { name: ru.nav.devMailbox });

    // Closed at first: the side navigation is off screen.
    await expect(navigation).not.toBeInViewport();
    const burger = page.getByRole('button', { name: ru.shell.openNavigation });
    await burger.click();
    await expect(page.getByRole('button', { name: ru.shell.closeNavigation })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(navigation).toBeInViewport();
    // The back office's list is longer than a phone screen: the menu scrolls to its last links.
    await mailboxLink.scrollIntoViewIfNeeded();
    await expect(mailboxLink).toBeInViewport();
    await checkA11y('phone navigation open');

    await mailboxLink.click();
    await expect(page).toHaveURL(/\/admin\/mailbox$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.devmail.title })).toBeVisible();
    // Navigating closes the menu again.
    await expect(navigation).not.toBeInViewport();

    // The bottom bar takes the person home and back.
    const bottomBar = page.getByRole('navigation', { name: ru.shell.bottomNavigation });
    await expect(bottomBar.getByRole('link', { name: ru.nav.devMailbox })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await bottomBar.getByRole('link', { name: ru.nav.home }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Operator');
    await expect(bottomBar.getByRole('link', { name: ru.nav.home })).toHaveAttribute('aria-current', 'page');

    // "More" in the bottom bar opens the full navigation too.
    await bottomBar.getByRole('button', { name: ru.shell.more }).click();
    await expect(navigation).toBeInViewport();
    await checkA11y('phone navigation from the bottom bar');
  });

  test('[CABINET] navigation: on a desktop the side navigation is always there and shows where the person is', async ({
    page,
    isMobile,
    checkA11y,
  }) => {
    test.skip(isMobile, 'the side navigation is permanent on a desktop only');
    await page.goto('/');
    const navigation = page.getByRole('navigation', { name: ru.shell.navigation });
    await expect(page.getByRole('button', { name: ru.shell.openNavigation })).toBeHidden();
    await expect(navigation.getByRole('link', { name: ru.nav.home })).toHaveAttribute('aria-current', 'page');
    // A guest has no back-office permission, so the back office is not offered.
    await expect(navigation.getByRole('link', { name: ru.nav.devMailbox })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: ru.shell.bottomNavigation })).toHaveCount(0);
    await checkA11y('desktop home');
  });
});
