import { expect, test } from './fixtures';
import { companyId, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const t = texts.ru.reconciliations;

/** The last full quarter before today and the one before it, as the quarter picker names them. */
function quarters(today = new Date()) {
  const out: { q: number; year: number }[] = [];
  let q = Math.floor(today.getMonth() / 3);
  let year = today.getFullYear();
  for (let i = 0; i < 2; i++) {
    if (q === 0) {
      q = 4;
      year -= 1;
    }
    out.push({ q, year });
    q -= 1;
  }
  return out.map(({ q, year }) =>
    t.quarterLabel.replace('{{q}}', String(q)).replace('{{year}}', String(year)),
  );
}

test('[CABINET] reconciliation: the dealer asks for an act for the last full quarter, watches it being drawn up and confirms it', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.accountant);
  const orgId = await companyId(page, demoCompanies.dealer);
  await page.goto(`/orgs/${orgId}/reconciliations`);
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible({ timeout: 30_000 });
  await checkA11y('reconciliation acts');

  // The desktop run takes the last full quarter (the default); the phone run the one before it, so two runs at
  // once never share one act.
  const [last, previous] = quarters();
  if (testInfo.project.name !== 'desktop') {
    await page.getByRole('combobox', { name: t.quarter }).click();
    await page.getByRole('option', { name: previous, exact: true }).click();
  } else {
    await expect(page.getByRole('combobox', { name: t.quarter })).toHaveValue(last as string);
  }
  await page.getByRole('button', { name: t.create }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/reconciliations/[0-9a-f-]{36}$`));
  // The act page's own badge: on a phone the list (with its badges) can still be on screen for a moment.
  const status = page.getByTestId('act-page-status');
  await expect(status).toHaveText(t.status.ready, { timeout: 60_000 });
  await expect(page.getByTestId('act-progress')).toHaveCount(0);
  await expect(page.getByTestId('act-opening')).toBeVisible();
  await expect(page.getByTestId('act-closing')).toBeVisible();
  await expect(page.getByRole('link', { name: t.download })).toHaveAttribute(
    'href',
    /\/documents\/.+\/file$/,
  );
  await checkA11y('reconciliation act');

  await page.getByRole('button', { name: t.confirm }).click();
  await expect(status).toHaveText(t.status.confirmed);
  await expect(page.getByRole('button', { name: t.confirm })).toHaveCount(0);

  await page.getByRole('link', { name: t.back }).click();
  await expect(page.getByTestId('act').first().getByTestId('act-status')).toHaveText(t.status.confirmed);
  consoleProblems.expectNone();
});
