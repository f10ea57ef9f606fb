import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const l = texts.ru.loyalty;
const firstLoad = { timeout: 30_000 };

test('[CABINET] bonuses: a customer sees the balance and what burns soon on the home page, then the expiry schedule and the explained history, and tells the birth date', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}) => {
  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/');
  const widget = page.getByTestId('home-loyalty');
  await expect(widget.getByRole('heading', { level: 2, name: l.widget.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('home-loyalty-balance')).toHaveText(/\d+\s+балл/, firstLoad);
  // The demo history has points burning within a month: the home page says how many and when.
  await expect(page.getByTestId('home-loyalty-expiring')).toContainText('сгорят');
  await expect(page.getByTestId('loyalty-tier')).toContainText(l.tier.title);
  await checkA11y('home with bonuses');

  await widget.getByRole('link', { name: l.widget.open }).click();
  await expect(page).toHaveURL(/\/loyalty$/);
  await expect(page.getByRole('heading', { level: 1, name: l.page.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('loyalty-balance')).toHaveText(/\d+\s+балл/);
  await expect(page.getByRole('heading', { level: 2, name: l.page.schedule })).toBeVisible();
  await expect(page.getByTestId('loyalty-schedule').getByRole('listitem').first()).toContainText('Сгорят');
  const history = page.getByTestId('loyalty-history');
  await expect(history.getByTestId('loyalty-entry').first()).toBeVisible();
  for (const kind of [l.kinds.bonus, l.kinds.accrual, l.kinds.redemption, l.kinds.expiration])
    await expect(history.getByText(kind, { exact: true }).first()).toBeVisible();
  await expect(history.getByText('Срок действия баллов истёк').first()).toBeVisible();
  // The birth date for the birthday bonus, told once (the other viewport's run may have told it already).
  const birthday = page.getByRole('region', { name: l.birthday.title });
  const dateInput = page.getByTestId('loyalty-birthday-input');
  if (await dateInput.isVisible()) {
    await expect(birthday).toContainText(l.birthday.ask);
    await dateInput.fill('1990-03-12');
    await birthday.getByRole('button', { name: l.birthday.save }).click();
  }
  await expect(page.getByTestId('loyalty-birthday')).toContainText('12 марта', firstLoad);
  await expect(dateInput).toHaveCount(0);
  // Nothing overflows a phone's width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await checkA11y('loyalty page');
  consoleProblems.expectNone();
});

test('[BACK OFFICE] loyalty: the admin reads the points report, finds the customer and adjusts the balance with a reason', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  await signInAs(page, baseURL as string, demoPeople.admin);
  await page.goto('/admin/loyalty');
  await expect(page.getByRole('heading', { level: 1, name: l.admin.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('loyalty-liability')).toContainText('₽', firstLoad);
  await expect(page.getByRole('img', { name: l.admin.reports.byMonthLabel })).toBeVisible();
  await expect(page.getByRole('link', { name: l.admin.reports.xlsx })).toHaveAttribute(
    'href',
    /reports\.xlsx/,
  );
  await checkA11y('loyalty reports');

  await page.getByRole('tab', { name: l.admin.tabs.people }).click();
  await page.getByLabel(l.admin.people.search).fill(demoPeople.customer.email);
  await page.getByRole('button', { name: l.admin.people.find }).click();
  const ledger = page.getByTestId('loyalty-admin-ledger');
  await expect(ledger.getByRole('heading', { name: demoPeople.customer.name })).toBeVisible(firstLoad);
  const reason = `Компенсация за задержку (${testInfo.project.name} ${Date.now()})`;
  await page.getByLabel(l.admin.people.adjustPoints).fill('5');
  await page.getByLabel(l.admin.people.adjustReason).fill(reason);
  await page.getByRole('button', { name: l.admin.people.adjust }).click();
  await expect(ledger.getByText(reason)).toBeVisible(firstLoad);
  await checkA11y('loyalty member ledger');
});
