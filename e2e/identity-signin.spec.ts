import { personalDataConsentVersion } from '../src/shared/consent';
import { E2E_DEMO_PASSWORD } from './env';
import { expect, submitSignIn, test } from './fixtures';
import { linkIn, waitForMail } from './fixtures/mail';
import { demoPeople, uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const { customer, admin } = demoPeople;

test.describe('[PUBLIC] sign-in', () => {
  test('[PUBLIC] sign-in: the demo customer signs in and out', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    test.slow(); // three axe scans around a full sign-in and sign-out
    await page.goto('/');
    await page.getByRole('button', { name: ru.shell.user.menu }).click();
    await page.getByRole('menuitem', { name: ru.shell.user.signIn }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.identity.signIn.title })).toBeVisible();
    await expect(page.getByRole('link', { name: ru.identity.signIn.forgot })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    await expect(page.getByRole('link', { name: ru.identity.signIn.signUp })).toHaveAttribute(
      'href',
      '/sign-up',
    );
    await checkA11y('sign-in');

    await submitSignIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page.getByRole('heading', { level: 1, name: ru.home.greetingNamed.replace('{{name}}', 'Иван') }),
    ).toBeVisible();
    await expect(page.getByText(ru.identity.signIn.done)).toBeVisible();
    // A retail customer belongs to no company: no context switcher.
    await expect(page.getByTestId('context-switcher')).toHaveCount(0);

    await page
      .getByRole('button', { name: ru.shell.user.menuFor.replace('{{name}}', customer.name) })
      .click();
    await expect(page.getByTestId('user-name')).toHaveText(customer.name);
    await expect(page.getByTestId('user-email')).toHaveText(customer.email);
    await checkA11y('home, signed in, user menu open');

    // Opening the sign-in page again says who is signed in instead of showing the form.
    await page.keyboard.press('Escape');
    await page.goto('/sign-in');
    await expect(page.getByTestId('signed-in')).toContainText(customer.name);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
    await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();
    await expect(page.getByRole('form', { name: ru.identity.signIn.title })).toBeVisible();
    await page.getByRole('button', { name: ru.shell.user.menu }).click();
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signIn })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: ru.shell.user.signOut })).toHaveCount(0);

    // Signed out for real: the server no longer knows the session.
    const session = await page.request.get('/api/v1/session');
    expect(((await session.json()) as { user: unknown }).user).toBeNull();
    consoleProblems.expectNone();
  });

  test('[PUBLIC] sign-in: a wrong password shows an error and keeps the person on the page', async ({
    page,
    checkA11y,
    consoleProblems,
  }) => {
    test.slow(); // two axe scans and two sign-ins
    await page.goto('/sign-in');
    const form = page.getByRole('form', { name: ru.identity.signIn.title });
    await form.getByRole('button', { name: ru.identity.signIn.submit }).click();
    await expect(form.getByText(ru.identity.validation.emailRequired)).toBeVisible();
    await expect(form.getByText(ru.identity.validation.passwordRequired)).toBeVisible();
    await expect(form.getByLabel(ru.identity.fields.email)).toBeFocused();

    await form.getByLabel(ru.identity.fields.email).fill('customer@demo');
    await form.getByRole('button', { name: ru.identity.signIn.submit }).click();
    await expect(form.getByText(ru.identity.validation.emailInvalid)).toBeVisible();
    await checkA11y('sign-in with field errors');

    await submitSignIn(page, customer.email, 'not-the-password');
    await expect(page.getByTestId('sign-in-error')).toHaveText(ru.identity.signIn.invalidCredentials);
    await expect(page).toHaveURL(/\/sign-in$/);
    await checkA11y('sign-in with a wrong password');

    // The person is still a guest, and the right password works from the same form.
    const session = await page.request.get('/api/v1/session');
    expect(((await session.json()) as { user: unknown }).user).toBeNull();
    await submitSignIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(/\/$/);
    // The browser logs the API's 401 for the wrong password as a failed resource load.
    consoleProblems.expectNone([/status of 401/]);
  });

  test('[PUBLIC] sign-in: a guest on a back-office page signs in and comes back to it', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/admin/mailbox');
    await expect(page.getByTestId('no-access')).toBeVisible();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: ru.shell.user.signIn }).click();
    await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fadmin%2Fmailbox$/);
    await submitSignIn(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/admin\/mailbox$/);
    await expect(page.getByRole('heading', { level: 1, name: ru.devmail.title })).toBeVisible();
    await expect(page.getByTestId('mail-list')).toBeVisible();

    // A redirect to another site is ignored.
    await page.goto('/sign-in?redirect=//evil.example/');
    await expect(
      page.getByTestId('signed-in').getByRole('link', { name: ru.identity.signIn.already.home }),
    ).toHaveAttribute('href', '/');
    consoleProblems.expectNone([/status of 401/]);
  });

  test('[PUBLIC] password: a person who forgot the password gets a link by e-mail and sets a new one', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow(); // waits for e-mails sent by a background job
    // A fresh account, not yet confirmed (so the demo people's passwords stay as they are).
    const email = uniqueEmail('reset', testInfo.project.name);
    const signUp = await page.request.post('/api/v1/auth/sign-up/email', {
      headers: { Origin: new URL(baseURL as string).origin },
      data: {
        name: 'Пётр Иванов',
        email,
        password: E2E_DEMO_PASSWORD,
        consentVersion: personalDataConsentVersion,
        callbackURL: '/welcome',
      },
    });
    expect(signUp.ok(), await signUp.text()).toBe(true);

    await page.goto('/sign-in');
    await page.getByRole('link', { name: ru.identity.signIn.forgot }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    const form = page.getByRole('form', { name: ru.identity.forgot.title });
    await checkA11y('forgot password');
    await form.getByLabel(ru.identity.fields.email).fill(email);
    await form.getByRole('button', { name: ru.identity.forgot.submit }).click();
    const sent = page.getByTestId('reset-sent');
    await expect(sent.getByRole('heading', { level: 1, name: ru.identity.forgot.sent.title })).toBeVisible();
    await expect(sent).toContainText(email);
    await checkA11y('forgot password: link sent');

    const mail = await waitForMail(baseURL as string, email, 'Сброс пароля');
    const link = linkIn(mail.text, '/api/v1/auth/reset-password/', baseURL as string);
    await page.goto(link);
    await expect(page).toHaveURL(/\/reset-password\?token=/);
    const reset = page.getByRole('form', { name: ru.identity.reset.title });
    await checkA11y('reset password');
    const newPassword = reset.getByLabel(ru.identity.fields.newPassword);
    const confirm = reset.getByLabel(ru.identity.fields.confirmPassword);
    await newPassword.fill('too-short');
    await reset.getByRole('button', { name: ru.identity.reset.submit }).click();
    await expect(
      reset.getByText(ru.identity.validation.passwordTooShort.replace('{{count}}', '10')),
    ).toBeVisible();
    await newPassword.fill('a-brand-new-password');
    await confirm.fill('a-different-password');
    await reset.getByRole('button', { name: ru.identity.reset.submit }).click();
    await expect(reset.getByText(ru.identity.validation.passwordsDiffer)).toBeVisible();
    await confirm.fill('a-brand-new-password');
    await reset.getByRole('button', { name: ru.identity.reset.submit }).click();
    const done = page.getByTestId('reset-done');
    await expect(done.getByRole('heading', { level: 1, name: ru.identity.reset.done.title })).toBeVisible();
    await checkA11y('reset password: done');

    // The new password is accepted; the address is still unconfirmed, so a new confirmation link goes out.
    await done.getByRole('link', { name: ru.identity.reset.done.signIn }).click();
    await submitSignIn(page, email, 'a-brand-new-password');
    const notVerified = page.getByTestId('sign-in-not-verified');
    await expect(notVerified).toContainText(ru.identity.signIn.notVerified.title);
    await expect(notVerified).toContainText(email);
    await checkA11y('sign-in: address not confirmed');

    // The reset link works once.
    await page.goto(link);
    await expect(page.getByTestId('reset-invalid')).toBeVisible();
    await expect(page.getByRole('link', { name: ru.identity.reset.invalid.again })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    consoleProblems.expectNone([/status of 403/]);
  });
});
