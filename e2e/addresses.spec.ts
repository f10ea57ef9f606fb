import { expect, submitSignIn, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const a = ru.addresses;

/** Fills the address form of the open dialog. */
async function fillAddress(
  dialog: import('@playwright/test').Locator,
  v: { label: string; postalCode: string; line: string },
) {
  await dialog.getByLabel(a.form.label).fill(v.label);
  await dialog.getByLabel(a.form.recipientName).fill('Анна Соколова');
  await dialog.getByLabel(a.form.phone).fill('8 916 123-45-67');
  await dialog.getByLabel(a.form.postalCode).fill(v.postalCode);
  await dialog.getByLabel(a.form.region).fill('Москва');
  await dialog.getByLabel(a.form.city).fill('Москва');
  await dialog.getByLabel(a.form.line).fill(v.line);
}

test('[CABINET] addresses: a person adds delivery addresses, picks the default and deletes one', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // the fresh account waits for its confirmation e-mail
  await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.addresses }).click();
  await expect(page).toHaveURL(/\/profile\/addresses$/);
  await expect(page.getByRole('heading', { level: 1, name: a.personal.title })).toBeVisible();
  await expect(page.getByTestId('addresses-empty')).toBeVisible();
  await checkA11y('empty address book');

  await page.getByRole('button', { name: a.list.add }).click();
  const dialog = page.getByRole('dialog', { name: a.form.addTitle });
  await dialog.getByLabel(a.form.postalCode).fill('123');
  await dialog.getByRole('button', { name: a.form.save }).click();
  await expect(dialog.getByText(a.validation.postalCode)).toBeVisible();
  await fillAddress(dialog, { label: 'Дом', postalCode: '101000', line: 'ул. Мясницкая, д. 1' });
  await checkA11y('address form');
  await dialog.getByRole('button', { name: a.form.save }).click();
  await expect(dialog).toBeHidden();

  const rows = page.getByTestId('address-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Дом');
  await expect(rows.first().getByTestId('address-default')).toBeVisible();

  await page.getByRole('button', { name: a.list.add }).click();
  await fillAddress(page.getByRole('dialog', { name: a.form.addTitle }), {
    label: 'Работа',
    postalCode: '125009',
    line: 'ул. Тверская, д. 7',
  });
  await page.getByRole('dialog').getByRole('button', { name: a.form.save }).click();
  await expect(rows).toHaveCount(2);
  await checkA11y('address book with two addresses');

  // The second becomes the default and moves to the top.
  await page.getByRole('button', { name: a.list.actions.replace('{{label}}', 'Работа') }).click();
  await page.getByRole('menuitem', { name: a.list.makeDefault }).click();
  await expect(rows.first()).toContainText('Работа');
  await expect(rows.first().getByTestId('address-default')).toBeVisible();
  await expect(page.getByTestId('address-default')).toHaveCount(1);

  await page.getByRole('button', { name: a.list.actions.replace('{{label}}', 'Дом') }).click();
  await page.getByRole('menuitem', { name: a.list.delete }).click();
  const confirm = page.getByRole('dialog', { name: a.delete.title });
  await checkA11y('delete confirmation');
  await confirm.getByRole('button', { name: a.delete.confirm }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Работа');
  consoleProblems.expectNone();
});

test('[COMPANY] addresses: a company owner adds a delivery address with a consignee', async ({
  page,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // two axe scans of a long form
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.owner.email, demoPeople.owner.password);
  await expect(page).toHaveURL(/\/$/);
  const me = await (await page.request.get('/api/v1/me')).json();
  const dealer = me.contexts.companies.find((c: { name: string }) => c.name === demoCompanies.dealer);
  await page.goto(`/orgs/${dealer.id}`);
  await page.getByRole('link', { name: ru.companies.tabs.addresses }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${dealer.id}/addresses$`));
  await expect(page.getByRole('heading', { level: 1, name: a.company.title })).toBeVisible();

  // Desktop and phone runs share the demo company, so each works with its own label.
  const label = `Склад ${testInfo.project.name}`;
  await page.getByRole('button', { name: a.list.add }).click();
  const dialog = page.getByRole('dialog', { name: a.form.addTitle });
  await fillAddress(dialog, { label, postalCode: '620000', line: 'ул. Складская, 5' });
  await dialog.getByLabel(a.form.hasConsignee).check();
  await dialog.getByLabel(a.consignee.name).fill('ООО «Чистая вода Урал»');
  await dialog.getByLabel(a.consignee.inn).fill('6671043210');
  await dialog.getByLabel(a.consignee.kpp).fill('667101001');
  await dialog.getByRole('button', { name: a.form.save }).click();
  await expect(dialog.getByText(a.validation.inn)).toBeVisible();
  await dialog.getByLabel(a.consignee.inn).fill('6671043211');
  await checkA11y('company address form with a consignee');
  await dialog.getByRole('button', { name: a.form.save }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('address-row').filter({ hasText: label });
  await expect(row.getByTestId('address-consignee')).toContainText('6671043211');
  await checkA11y('company address book');

  await page.getByRole('button', { name: a.list.actions.replace('{{label}}', label) }).click();
  await page.getByRole('menuitem', { name: a.list.delete }).click();
  await page
    .getByRole('dialog', { name: a.delete.title })
    .getByRole('button', { name: a.delete.confirm })
    .click();
  await expect(row).toHaveCount(0);
  consoleProblems.expectNone();
});
