import { expect, submitSignIn, test } from './fixtures';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const c = ru.companies;

test('[BACKOFFICE] companies: staff create a company with checked requisites and assign a manager and a group', async ({
  page,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.admin.email, demoPeople.admin.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/admin/companies');
  await expect(page.getByRole('heading', { level: 1, name: c.admin.list.title })).toBeVisible();
  await page.getByRole('textbox', { name: c.admin.list.search }).fill('Водо');
  await expect(page.getByTestId('admin-company-row')).toHaveCount(1);
  await expect(page.getByTestId('admin-company-row')).toContainText(demoCompanies.dealer);
  await checkA11y('companies list');

  await page.getByTestId('create-company').click();
  const form = page.getByRole('form', { name: c.admin.create.submit });
  // Companies are unique by INN+KPP: each project (desktop, phone) creates its own branch of one INN.
  const kpp = testInfo.project.name === 'phone' ? '770702001' : '770701001';
  await form.getByLabel(c.card.name).fill(`Аквамир ${testInfo.project.name}`);
  await form.getByLabel(c.card.legalName).fill('ООО «Аквамир»');
  await form.getByLabel(c.card.inn).fill('7707083894');
  await form.getByLabel(c.card.kpp).fill(kpp);
  await form.getByRole('button', { name: c.admin.create.submit }).click();
  await expect(form.getByText(c.validation.inn)).toBeVisible();
  await checkA11y('create company with a wrong INN');
  await form.getByLabel(c.card.inn).fill('7707083893');
  await form.getByRole('button', { name: c.admin.create.submit }).click();

  await expect(page).toHaveURL(/\/admin\/companies\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole('heading', { level: 1, name: `Аквамир ${testInfo.project.name}` }),
  ).toBeVisible();
  await expect(page.getByTestId('admin-company-status')).toHaveText(c.status.active);
  await page.getByRole('combobox', { name: c.admin.company.manager }).click();
  await page.getByRole('option', { name: new RegExp(demoPeople.admin.name) }).click();
  await page.getByRole('combobox', { name: c.admin.company.customerGroup }).click();
  await page.getByRole('option', { name: 'Дилеры' }).click();
  await page.getByRole('textbox', { name: c.admin.company.creditLimit }).fill('250000');
  await page.getByTestId('save-terms').click();
  await expect(page.getByText(c.admin.company.saved)).toBeVisible();
  await checkA11y('company in the back office');

  await page.reload();
  await expect(page.getByRole('combobox', { name: c.admin.company.customerGroup })).toHaveValue('Дилеры');

  await page.goto('/admin/customer-groups');
  await expect(page.getByTestId('customer-group-row').filter({ hasText: 'Дилеры' })).toBeVisible();
  await checkA11y('customer groups');
  consoleProblems.expectNone();
});

test('[COMPANY] roles: a company owner builds a custom role from permissions', async ({
  page,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  await page.goto('/sign-in');
  await submitSignIn(page, demoPeople.owner.email, demoPeople.owner.password);
  await expect(page).toHaveURL(/\/$/);
  const me = await (await page.request.get('/api/v1/me')).json();
  const dealer = me.contexts.companies.find((x: { name: string }) => x.name === demoCompanies.dealer);
  await page.goto(`/orgs/${dealer.id}`);
  await page.getByRole('link', { name: c.tabs.roles }).click();
  await expect(page.getByRole('heading', { level: 1, name: c.rolesPage.title })).toBeVisible();
  await checkA11y('roles page');
  await page.getByTestId('create-role').click();
  const form = page.getByRole('form', { name: c.rolesPage.save });
  const name = `Логист ${testInfo.project.name}`;
  await form.getByLabel(c.rolesPage.name).fill(name);
  await form.getByLabel(c.permissions.orders.read).check();
  await form.getByLabel(c.permissions.members.read).check();
  await checkA11y('role editor');
  await form.getByRole('button', { name: c.rolesPage.save }).click();
  const row = page.getByTestId('custom-role-row').filter({ hasText: name });
  await expect(row).toContainText(c.permissions.orders.read);
  consoleProblems.expectNone();
});
