import { request } from '@playwright/test';
import sharp from 'sharp';
import { expect, submitSignIn, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { linkIn, waitForMail } from './fixtures/mail';
import { uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;

/** Signs the same person in from another "device": a separate API client with its own cookies. */
async function signInElsewhere(baseURL: string, email: string, password: string, userAgent: string) {
  const client = await request.newContext({ baseURL, userAgent });
  const res = await client.post('/api/v1/auth/sign-in/email', {
    headers: { Origin: new URL(baseURL).origin },
    data: { email, password },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return client;
}

test('[CABINET] profile: a person changes name and time zone and uploads a picture', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the confirmation e-mail sent by a background job
  await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.profile }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { level: 1, name: ru.profile.page.title })).toBeVisible();
  await checkA11y('profile page');

  const form = page.getByRole('form', { name: ru.profile.page.personal });
  await form.getByLabel(ru.profile.page.name).fill('Анна Соколова-Иванова');
  await form.getByRole('combobox', { name: ru.profile.page.timeZone }).click();
  await form.getByRole('combobox', { name: ru.profile.page.timeZone }).fill('Yekaterinburg');
  await page.getByRole('option', { name: 'Asia/Yekaterinburg' }).click();
  await form.getByRole('button', { name: ru.profile.page.save }).click();
  await expect(page.getByText(ru.profile.page.saved)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: ru.profile.page.timeZone })).toHaveValue(
    'Asia/Yekaterinburg',
  );
  await expect(page.getByLabel(ru.profile.page.name)).toHaveValue('Анна Соколова-Иванова');

  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2f9e44' } })
    .png()
    .toBuffer();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: ru.profile.avatar.preview })).toBeVisible();
  await page.getByRole('button', { name: ru.profile.avatar.upload }).click();
  await expect(page.getByText(ru.profile.avatar.saved)).toBeVisible();
  const current = page.getByRole('img', { name: ru.profile.avatar.current });
  await expect(current).toHaveAttribute('src', /\/api\/v1\/avatars\//);
  await expect.poll(() => current.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(256);

  // The user menu shows the picture too.
  await expect(page.getByTestId('user-menu').locator('img')).toHaveAttribute('src', /\/api\/v1\/avatars\//);

  // A text file disguised as a picture is refused.
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await page.getByRole('button', { name: ru.profile.avatar.upload }).click();
  await expect(page.getByRole('alert').filter({ hasText: ru.profile.avatar.wrongType })).toBeVisible();
  consoleProblems.expectNone([/status of 415/]);
});

test('[CABINET] profile: a person ends another session, then all others', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  const iphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
  const phone = await signInElsewhere(baseURL as string, account.email, account.password, iphone);
  await page.goto('/profile/security');
  const items = page.getByTestId('session-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: ru.profile.sessions.current })).toHaveCount(1);
  await checkA11y('sessions on the security page');
  const other = items.filter({ hasText: 'iOS' });
  await other.getByRole('button', { name: ru.profile.sessions.end }).click();
  await expect(page.getByText(ru.profile.sessions.ended)).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('sessions-only-this')).toBeVisible();
  expect((await phone.get('/api/v1/me')).status()).toBe(401);

  const laptop = await signInElsewhere(
    baseURL as string,
    account.email,
    account.password,
    'Mozilla/5.0 Firefox/128.0',
  );
  const tablet = await signInElsewhere(baseURL as string, account.email, account.password, iphone);
  await page.reload();
  await expect(items).toHaveCount(3);
  await page.getByRole('button', { name: ru.profile.sessions.endOthers }).click();
  await expect(items).toHaveCount(1);
  expect((await laptop.get('/api/v1/me')).status()).toBe(401);
  expect((await tablet.get('/api/v1/me')).status()).toBe(401);
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);
});

test('[CABINET] profile: a person downloads their data as a ZIP', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.privacy }).click();
  await expect(page).toHaveURL(/\/profile\/privacy$/);
  await expect(page.getByTestId('exports-empty')).toBeVisible();
  await checkA11y('privacy page');
  await page.getByTestId('export-start').click();
  const download = page.getByTestId('export-download');
  await expect(download).toBeVisible({ timeout: 20_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^kabinet-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = await file.path();
  expect(path).toBeTruthy();
});

test('[CABINET] profile: a person asks to delete the account, is signed out, signs in and cancels', async ({
  page,
  baseURL,
}, testInfo) => {
  test.slow();
  const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/profile/privacy');
  await page.getByTestId('deletion-start').click();
  const dialog = page.getByRole('dialog', { name: ru.profile.privacy.deletion.confirmTitle });
  await dialog.getByLabel(ru.profile.privacy.deletion.password).fill('not-my-password');
  await dialog.getByTestId('deletion-confirm').click();
  await expect(dialog.getByText(ru.profile.privacy.deletion.wrongPassword)).toBeVisible();
  await dialog.getByLabel(ru.profile.privacy.deletion.password).fill(account.password);
  await dialog.getByTestId('deletion-confirm').click();
  await expect(page.getByTestId('deletion-requested')).toBeVisible();
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);

  await page.goto('/sign-in');
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/profile/privacy');
  await expect(page.getByTestId('deletion-pending')).toBeVisible();
  await page.getByTestId('deletion-undo').click();
  await expect(page.getByText(ru.profile.privacy.deletion.undone)).toBeVisible();
  await expect(page.getByTestId('deletion-start')).toBeVisible();
});

test('[CABINET] profile: a new e-mail address counts only after the link sent to it is opened', async ({
  page,
  baseURL,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  const newEmail = uniqueEmail('renamed', testInfo.project.name);
  await page.goto('/profile');
  const form = page.getByRole('form', { name: ru.profile.email.title });
  await form.getByLabel(ru.profile.email.newEmail).fill(account.email);
  await form.getByRole('button', { name: ru.profile.email.submit }).click();
  await expect(form.getByText(ru.profile.email.same)).toBeVisible();
  await form.getByLabel(ru.profile.email.newEmail).fill(newEmail);
  await form.getByRole('button', { name: ru.profile.email.submit }).click();
  await expect(page.getByTestId('email-pending')).toContainText(newEmail);

  const mail = await waitForMail(baseURL as string, newEmail, 'Подтвердите новый адрес электронной почты');
  await page.goto(linkIn(mail.text, '/profile/email/confirm', baseURL as string));
  await expect(page.getByTestId('email-confirmed')).toContainText(newEmail);
  await page.goto('/profile');
  await expect(page.getByRole('region', { name: ru.profile.email.title })).toContainText(newEmail);
  await expect(page.getByTestId('email-pending')).toHaveCount(0);
  consoleProblems.expectNone();
});
