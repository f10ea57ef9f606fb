import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { operatorClient } from './fixtures/operator';
import { companyId, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The acceptance journey of issue 6 (document approval): the back office uploads a contract for the dealer (a
 * test shortcut through the API), and the dealer's accountant opens it in the company cabinet, comments, gets a
 * one-time code by e-mail and approves the version with it.
 */

const ru = texts.ru;
const ag = ru.agreements;
const firstLoad = { timeout: 30_000 };
const codeSubject = /^Код подтверждения согласования: (\d{6})$/;

/** A small PDF (the server checks the magic bytes). */
const tinyPdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** Ids of the messages in the dev mailbox to an address. */
async function mailIds(api: APIRequestContext, to: string): Promise<Set<string>> {
  const list = await api.get('/api/v1/admin/dev-mailbox', { params: { to, limit: 50 } });
  expect(list.ok()).toBe(true);
  return new Set(((await list.json()).items as { id: string }[]).map((i) => i.id));
}

/** The approval code of a message that arrived after `seen` (so runs of other projects never mix in). */
async function newCode(api: APIRequestContext, to: string, seen: Set<string>): Promise<string> {
  let code = '';
  await expect(async () => {
    const list = await api.get('/api/v1/admin/dev-mailbox', { params: { to, limit: 50 } });
    const items = (await list.json()).items as { id: string; subject: string }[];
    const fresh = items.find((i) => !seen.has(i.id) && codeSubject.test(i.subject));
    expect(fresh, `a new code mail to ${to}`).toBeDefined();
    code = codeSubject.exec(fresh?.subject ?? '')?.[1] ?? '';
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1_000] });
  return code;
}

test('[COMPANY] agreements: the accountant reviews a contract uploaded by the back office, comments and approves it with a code', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  const origin = { Origin: new URL(base).origin };
  const operator = await operatorClient(base);
  await signInAs(page, base, demoPeople.accountant);
  const dealerId = await companyId(page, demoCompanies.dealer);
  const title = `Договор поставки E2E ${testInfo.project.name} ${Date.now().toString(36)}`;

  // The back office uploads the contract for the dealer.
  const created = await operator.post('/api/v1/admin/agreements', {
    headers: origin,
    multipart: {
      data: JSON.stringify({ companyId: dealerId, kind: 'contract', title, note: 'Проект на 2027 год' }),
      file: { name: 'Договор.pdf', mimeType: 'application/pdf', buffer: tinyPdf(title) },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // The accountant finds it from the company page.
  await page.goto(`/orgs/${dealerId}`);
  await page.getByRole('link', { name: ru.companies.tabs.agreements }).click();
  await expect(page.getByRole('heading', { level: 1, name: ag.title })).toBeVisible(firstLoad);
  const item = page.getByTestId('agreement-item').filter({ hasText: title });
  await expect(item).toContainText(ag.statuses.in_review);
  await expect(item).toContainText(ag.awaitingYou);
  await checkA11y('agreements list');

  await item.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('agreement-version')).toHaveCount(1);
  await expect(page.getByTestId('agreement-version')).toContainText('Проект на 2027 год');
  await checkA11y('agreement in review');

  // A comment on version 1.
  await page
    .getByLabel(ag.detail.commentLabel.replace('{{number}}', '1'))
    .fill('Просим уточнить срок оплаты');
  await page.getByRole('button', { name: ag.detail.commentSubmit }).click();
  await expect(page.getByTestId('agreement-comment')).toContainText('Просим уточнить срок оплаты');

  // Approve with the code from the e-mail.
  await page.getByRole('button', { name: ag.detail.approve, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('простой электронной подписью');
  const seen = await mailIds(operator, demoPeople.accountant.email);
  await dialog.getByRole('button', { name: ag.approve.send }).click();
  await expect(dialog.getByTestId('approval-code-sent')).toContainText(demoPeople.accountant.email);
  await checkA11y('approval code dialog');
  const code = await newCode(operator, demoPeople.accountant.email, seen);
  await dialog.getByLabel(ag.approve.code).fill(code);
  await dialog.getByRole('button', { name: ag.approve.submit }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('agreement-status')).toHaveText(ag.statuses.approved);
  await expect(page.getByTestId('agreement-decision')).toContainText(demoPeople.accountant.name);
  await expect(page.getByTestId('agreement-state')).toContainText(ag.detail.approvedNote);
  await checkA11y('agreement approved');
  consoleProblems.expectNone();

  // The back office sees the decision with the hash of the approved file.
  const { items } = await (
    await operator.get('/api/v1/admin/agreements', { params: { companyId: dealerId, status: 'approved' } })
  ).json();
  const approved = items.find((a: { title: string }) => a.title === title);
  expect(approved?.status).toBe('approved');
});

test('[BACK OFFICE] agreements: the manager opens the list of every company’s agreements and one of them', async ({
  page,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}) => {
  await signInAsOperator();
  await page.goto('/admin/agreements');
  await expect(page.getByRole('heading', { level: 1, name: ag.title })).toBeVisible(firstLoad);
  const first = page.getByTestId('agreement-item').first();
  await expect(first).toBeVisible();
  await checkA11y('back-office agreements');
  await page.getByRole('button', { name: ag.create }).click();
  await expect(page.getByRole('dialog')).toContainText(ag.form.title);
  await checkA11y('new agreement form');
  await page.keyboard.press('Escape');
  await first.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: ag.detail.versions })).toBeVisible();
  await checkA11y('back-office agreement');
  consoleProblems.expectNone();
});
