import type { Page } from '@playwright/test';
import { expect, submitSignIn, test } from './fixtures';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const sla = ru['sla-admin'];

/** The local date of an instant in the support calendar's zone, 'YYYY-MM-DD'. */
const localDate = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));

async function openPage(page: Page, isMobile: boolean) {
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.admin.email, demoPeople.admin.password);
  await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: sla.nav })
    .click();
  await expect(page).toHaveURL(/\/admin\/sla$/);
  const heading = page.getByRole('heading', { level: 1, name: sla.title });
  await expect(heading).toBeVisible();
  await heading.hover();
}

test.describe('[BACK OFFICE] SLA and business hours', () => {
  // Sign-in, two axe scans and a dozen round trips: more than the default on a busy machine.
  test.describe.configure({ timeout: 240_000 });
  test('[BACK OFFICE] SLA: an admin adds a holiday and changes a target, and the preview follows', async ({
    page,
    isMobile,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    // The two projects share one server: each previews and changes a priority of its own, and each holiday
    // only ever pushes deadlines later, so the other project's changes cannot undo what this one checks.
    const priority = testInfo.project.name === 'phone' ? 'low' : 'high';
    const target = priority === 'low' ? 'resolution' : 'first-response';
    const policyTestId = `sla-policy-${priority}-all`;
    await openPage(page, isMobile);
    const preview = page.getByTestId('sla-preview');
    await expect(preview).toBeVisible();
    await checkA11y('SLA and business hours');

    await page
      .getByRole('region', { name: sla.preview.title })
      .getByRole('combobox', { name: sla.priority })
      .click();
    await page.getByRole('option', { name: sla.priorities[priority] }).click();
    await expect(preview).toContainText(sla.priorities[priority]);
    const zone = 'Europe/Moscow';
    const before = (await preview.getAttribute(`data-${target}`)) as string;
    const due = localDate(before, zone);

    // A holiday on the day the deadline falls on moves it to a later day.
    const name = `E2E ${testInfo.project.name} ${Date.now()}`;
    const days = page.getByRole('region', { name: sla.days.title });
    await days.locator('input[type="date"]').fill(due);
    await days.getByLabel(sla.days.name, { exact: true }).fill(name);
    await days.getByRole('button', { name: sla.days.addButton, exact: true }).click();
    const row = page.getByTestId('sla-days').getByRole('row').filter({ hasText: name });
    await expect(row).toBeVisible();
    await expect
      .poll(async () => localDate((await preview.getAttribute(`data-${target}`)) as string, zone))
      .not.toBe(due);

    // A new first-response target shows in the table and in the preview's sentence.
    const policy = page.getByTestId(policyTestId);
    const original = (await policy.getByRole('cell').nth(1).textContent()) ?? '';
    await policy.getByRole('button', { name: /^Изменить/ }).click();
    const dialog = page.getByRole('dialog', { name: sla.policies.editTitle });
    await dialog.getByLabel(sla.policies.firstResponseMinutes).fill('75');
    await dialog.getByRole('button', { name: sla.save }).click();
    await expect(dialog).toBeHidden();
    await expect(policy.getByRole('cell').nth(1)).toHaveText('1 ч 15 мин');
    await expect(preview).toContainText('через 1 ч 15 мин');
    await checkA11y('SLA and business hours, changed');

    // Put things back: the holiday goes through its remove button, the target through the API.
    await row.getByRole('button').click();
    await expect(row).toHaveCount(0);
    const policies = await (await page.request.get('/api/v1/admin/sla/policies')).json();
    const changed = policies.items.find(
      (p: { priority: string; customerGroupId: string | null }) =>
        p.priority === priority && !p.customerGroupId,
    );
    const minutes = priority === 'low' ? 480 : 60;
    const restored = await page.request.patch(`/api/v1/admin/sla/policies/${changed.id}`, {
      data: { firstResponseMinutes: minutes },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(restored.ok()).toBe(true);
    expect(original).not.toBe('');
    consoleProblems.expectNone();
  });
});
