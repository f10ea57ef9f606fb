import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { newContextLike } from './fixtures/contexts';
import { linkIn, waitForMail } from './fixtures/mail';
import { uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const r = ru.referrals;
const firstLoad = { timeout: 30_000 };

/** A demo cartridge sold one at a time, from the personal catalog. */
async function sellableVariant(page: Page): Promise<string> {
  const res = await page.request.get(
    `/api/v1/me/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(res.ok(), await res.text()).toBe(true);
  const items = (await res.json()).items as {
    variantId: string | null;
    packSize: number;
    minOrderQty: number;
  }[];
  const found = items.find((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1);
  if (!found?.variantId) throw new Error('no sellable demo variant');
  return found.variantId;
}

test('[CABINET] referrals: a friend signs up by my link, pays the first order by card and both are rewarded', async ({
  page,
  browser,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.setTimeout(240_000);
  const base = baseURL as string;

  // Person A: a fresh account, so every run and project has its own referral.
  await createVerifiedAccount(page, base, testInfo.project.name, 'Ольга Смирнова');
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await page.goto('/referrals');
  await expect(page.getByRole('heading', { level: 1, name: r.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('referrals-empty')).toBeVisible();
  await expect(page.getByRole('img', { name: r.qr })).toBeVisible();
  const link = await page.getByTestId('referral-link').inputValue();
  const code = (await page.getByTestId('referral-code').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`/r/${code}$`));
  await page.getByTestId('referral-copy').click();
  await expect(page.getByTestId('referral-copy')).toHaveText(r.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await checkA11y('my referral link');

  // The friend opens the link as a guest, signs up through it and comes back to it signed in.
  const friendContext = await newContextLike(browser, testInfo, base);
  const friend = await friendContext.newPage();
  try {
    await friend.goto(new URL(link).pathname);
    const landing = friend.getByTestId('referral-landing');
    await expect(
      landing.getByRole('heading', { level: 1, name: r.landing.title.replace('{{name}}', 'Ольга С.') }),
    ).toBeVisible(firstLoad);
    await expectAccessible(friend, 'referral landing');
    await landing.getByTestId('referral-sign-up').click();
    await expect(friend).toHaveURL(/\/sign-up\?redirect=/);
    const email = uniqueEmail('friend', testInfo.project.name);
    const form = friend.getByRole('form', { name: ru.identity.signUp.title });
    await form.getByLabel(ru.identity.fields.name).fill('Анна Петрова');
    await form.getByLabel(ru.identity.fields.email).fill(email);
    await form.getByLabel(ru.identity.fields.password).fill('a-long-enough-password');
    await form.getByRole('checkbox', { name: ru.identity.signUp.consent }).check();
    await form.getByRole('button', { name: ru.identity.signUp.submit }).click();
    await expect(friend.getByTestId('check-mail')).toBeVisible();
    const mail = await waitForMail(base, email, 'Подтвердите адрес электронной почты');
    await friend.goto(linkIn(mail.text, '/api/v1/auth/verify-email', base));
    await expect(friend).toHaveURL(/\/welcome\?redirect=/, firstLoad);
    await friend.getByTestId('welcome').getByRole('link', { name: ru.identity.welcome.home }).click();
    await expect(friend).toHaveURL(new RegExp(`/r/${code}$`));
    await expect(friend.getByTestId('referral-accepted')).toBeVisible(firstLoad);

    // A sees the friend joined (first name and initial only).
    await page.reload();
    const item = page.getByTestId('referral-item');
    await expect(item).toContainText('Анна П.', firstLoad);
    await expect(item.getByTestId('referral-status')).toHaveText(r.status.joined);

    // The friend's first order, paid by card on the development provider's page.
    const variantId = await sellableVariant(friend);
    await friend.goto(`/checkout?lines=${variantId}:5`);
    await expect(friend.getByRole('heading', { level: 1, name: ru.orders.checkout.title })).toBeVisible(
      firstLoad,
    );
    await friend.getByRole('radio', { name: ru.orders.payment.card_online }).check();
    await friend.getByTestId('checkout-place').click();
    await expect(friend).toHaveURL(/dev-pay/, firstLoad);
    await friend.getByLabel(/Card number/).fill('4242 4242 4242 4242');
    await friend.getByRole('button', { name: /Pay/ }).click();
    await expect(friend).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, firstLoad);

    // The payment's notification and the reward run in the background: A's page shows «rewarded».
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('referral-status').first().textContent({ timeout: 15_000 });
        },
        { timeout: 90_000, intervals: [1000, 2000, 3000] },
      )
      .toBe(r.status.rewarded);
    await expect(item).toContainText(r.points.replace('{{count}}', '500'));
    await checkA11y('a rewarded referral');

    // The friend sees the invitation rewarded too.
    await friend.goto('/referrals');
    await expect(friend.getByTestId('joined-by')).toContainText(r.status.rewarded, firstLoad);
    await expectAccessible(friend, 'the friend’s referrals page');
  } finally {
    await friendContext.close();
  }
});

test('[BACK OFFICE] referrals: a loyalty manager sees the terms and the referrals', async ({
  page,
  baseURL,
  checkA11y,
}) => {
  const { signInAs } = await import('./fixtures/orders');
  const { demoPeople } = await import('./fixtures/people');
  await signInAs(page, baseURL as string, demoPeople.admin);
  await page.goto('/admin/referrals');
  await expect(page.getByRole('heading', { level: 1, name: r.admin.title })).toBeVisible(firstLoad);
  await expect(page.getByRole('form', { name: r.admin.settings })).toBeVisible();
  await expect(page.getByLabel(r.admin.referrerPoints)).toHaveValue('500');
  await checkA11y('referrals back office');
});
