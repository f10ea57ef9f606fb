import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { operatorClient } from './fixtures/operator';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const n = ru.notifications;

/** A random 10-digit INN with a valid check digit, so each run registers a company of its own. */
function randomInn(): string {
  const digits = Array.from({ length: 9 }, (_, i) =>
    i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10),
  );
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((sum, d, i) => sum + d * (weights[i] as number), 0) % 11) % 10;
  return `${digits.join('')}${check}`;
}

// A real notification: a fresh person registers a company, the operator approves it, and the owner is told
// in the app. The account and the company are the test's own, so projects never share a badge.
test('[CABINET] notifications: a person sees the badge, opens the bell, follows the notification and the badge drops', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // the fresh account waits for its confirmation e-mail
  const headers = { Origin: new URL(baseURL as string).origin };
  await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  const companyName = `Уведомления ${testInfo.project.name} ${Date.now().toString(36)}`;
  const registered = await page.request.post('/api/v1/me/companies', {
    data: { name: companyName, legalName: `ООО «${companyName}»`, inn: randomInn() },
    headers,
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const companyId = (await registered.json()).id as string;

  // Nothing yet: the bell has no badge, and the full page shows its empty state.
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: n.title })).toBeVisible();
  await expect(page.getByTestId('notifications-empty')).toBeVisible();
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(n.bell);
  await checkA11y('empty notifications page');

  const operator = await operatorClient(baseURL as string);
  const approved = await operator.post(`/api/v1/admin/companies/${companyId}/approve`, { headers });
  expect(approved.status(), await approved.text()).toBe(204);

  // The badge comes with the next poll or window focus; a reload asks at once.
  await page.goto('/');
  const unreadName = n.bellUnread_one.replace('{{count}}', '1');
  await expect(bell).toHaveAccessibleName(unreadName);
  await expect(page.getByTestId('notification-badge')).toContainText('1');

  await bell.click();
  const drawer = page.getByRole('dialog', { name: n.title });
  await expect(drawer).toBeVisible();
  const item = drawer.getByTestId('notification-item').filter({ hasText: companyName });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(n.unread);
  await checkA11y('notification drawer');

  await item.click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${companyId}$`));
  await expect(drawer).toBeHidden();
  await expect(bell).toHaveAccessibleName(n.bell);

  // The full page keeps it, now read.
  await page.goto('/notifications');
  const listed = page.getByTestId('notification-item').filter({ hasText: companyName });
  await expect(listed).toHaveCount(1);
  await expect(listed).not.toContainText(n.unread);
  await checkA11y('notifications page');
  consoleProblems.expectNone();
});
