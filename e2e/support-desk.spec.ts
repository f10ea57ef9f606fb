import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The operator's half of issue 7's acceptance journey: the demo's new request from the customer ("Не пришёл
 * трек-номер", seeded) is found in the workspace, answered with a canned reply whose placeholder is filled,
 * noted internally, and its priority raised, with the SLA countdown in view.
 */

const d = texts.ru['support-desk'];
const firstLoad = { timeout: 30_000 };

test('[BACK OFFICE] support desk: the operator answers a request with a canned reply, adds a note and raises the priority', async ({
  page,
  baseURL,
  isMobile,
  checkA11y,
}, testInfo) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.support);
  await page.goto('/admin/support');
  await expect(page.getByRole('heading', { level: 1, name: d.title })).toBeVisible(firstLoad);

  // The seeded request waits unassigned, with its SLA countdown.
  await page.getByRole('textbox', { name: d.search }).fill('трек-номер');
  const row = page.getByTestId('ticket-row').filter({ hasText: 'Не пришёл трек-номер' }).first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId('sla-badge')).toBeVisible();
  await checkA11y('support desk list');
  await row.click();

  if (isMobile) await expect(page.getByRole('button', { name: d.back })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Не пришёл трек-номер' })).toBeVisible();

  // A canned reply, filled for Иван, sent.
  await page.getByRole('button', { name: d.composer.canned }).click();
  await page.getByRole('textbox', { name: d.composer.cannedSearch }).fill('Уточните');
  await page.getByTestId('canned-item').filter({ hasText: 'Уточните, пожалуйста' }).click();
  const reply = page.getByRole('textbox', { name: d.composer.replyLabel });
  await expect(reply).toHaveValue(/^Здравствуйте, Иван! Уточните, пожалуйста/);
  await checkA11y('support desk request');
  await page.getByRole('button', { name: d.composer.send }).click();
  await expect(page.getByText(d.composer.sent)).toBeVisible();
  const thread = page.getByRole('region', { name: d.thread.title });
  await expect(thread.getByText(/Здравствуйте, Иван! Уточните, пожалуйста/).first()).toBeVisible();

  // An internal note, on yellow, marked as a note.
  const note = `Проверить отгрузку на складе (${testInfo.project.name})`;
  await page.getByRole('tab', { name: d.composer.note }).click();
  await page.getByRole('textbox', { name: d.composer.noteLabel }).fill(note);
  await page.getByRole('button', { name: d.composer.addNote }).click();
  const noteCard = thread.locator('[data-kind="note"]').filter({ hasText: note });
  await expect(noteCard).toBeVisible();

  // Priority up (each project its own value, since both work on the same seeded request).
  const priority = isMobile ? 'urgent' : 'high';
  await page.getByRole('combobox', { name: d.fields.priority, exact: true }).click();
  await page.getByRole('option', { name: d.priority[priority], exact: true }).click();
  await expect(page.getByRole('combobox', { name: d.fields.priority, exact: true })).toHaveValue(
    d.priority[priority],
  );
  await expect(page.getByTestId('sla-badge').first()).toBeVisible();
});
