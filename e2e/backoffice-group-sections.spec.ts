import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { linkIn, waitForMail } from './fixtures/mail';
import { uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const roles = ru.backoffice.roles;

/** A random 10-digit INN with a valid check digit, so each run registers a company of its own. */
function randomInn(): string {
  const digits = Array.from({ length: 9 }, (_, i) =>
    i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10),
  );
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((sum, d, i) => sum + d * (weights[i] as number), 0) % 11) % 10;
  return `${digits.join('')}${check}`;
}

/** The home item in the navigation a person sees (the side navigation; on a phone also the bottom bar). */
async function homeLinks(page: Page, isMobile: boolean) {
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  const side = page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: ru.nav.home });
  const count =
    (await side.count()) +
    (isMobile ? await page.getByTestId('bottom-nav').getByRole('link', { name: ru.nav.home }).count() : 0);
  if (isMobile) await page.getByRole('button', { name: ru.shell.closeNavigation }).click();
  return count;
}

// Staff limit a customer group to some sections; a member of a company in that group does not see the others
// in the company's context. The test makes a group and a company of its own, so the demo companies that
// parallel tests use keep every section.
test('[BACKOFFICE] group sections: a company in a limited customer group sees only its sections', async ({
  page,
  browser,
  baseURL,
  isMobile,
  checkA11y,
  consoleProblems,
  signInAsOperator,
}, testInfo) => {
  test.slow(); // waits for the invitation e-mail sent by a background job
  await signInAsOperator();
  const headers = { Origin: new URL(baseURL as string).origin };
  const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const groupName = `Группа ${testInfo.project.name} ${nonce}`;
  const companyName = `Разделы ${testInfo.project.name} ${nonce}`;
  const group = await page.request.post('/api/v1/admin/customer-groups', {
    data: { name: groupName },
    headers,
  });
  expect(group.status()).toBe(201);
  const groupId = (await group.json()).id as string;
  const company = await page.request.post('/api/v1/admin/companies', {
    data: {
      name: companyName,
      legalName: `ООО «${companyName}»`,
      inn: randomInn(),
      customerGroupId: groupId,
    },
    headers,
  });
  expect(company.status()).toBe(201);
  const companyId = (await company.json()).id as string;
  const email = uniqueEmail('sections', testInfo.project.name);
  const invited = await page.request.post(`/api/v1/admin/companies/${companyId}/invitations`, {
    data: { email, role: 'buyer' },
    headers,
  });
  expect(invited.status()).toBe(201);

  const member = await browser.newContext({
    baseURL,
    locale: 'ru-RU',
    ...(isMobile ? { viewport: page.viewportSize() ?? undefined, isMobile: true, hasTouch: true } : {}),
  });
  const memberPage = await member.newPage();
  try {
    // The operator takes the home section away from the group on the roles screen.
    await page.goto('/admin/roles');
    const groups = page.getByRole('region', { name: roles.groupsTitle });
    const all = groups.getByRole('switch', { name: `${groupName}: ${roles.allSections}` });
    await expect(all).toBeChecked();
    let saved = page.waitForResponse((r) => r.url().endsWith(`/section-access/groups/${groupId}`) && r.ok());
    await all.click();
    await saved;
    const home = groups.getByRole('checkbox', { name: ru.nav.home });
    await expect(home).toBeChecked();
    saved = page.waitForResponse((r) => r.url().endsWith(`/section-access/groups/${groupId}`) && r.ok());
    await home.click(); // the box follows the stored setting, so it turns off once the save is back
    await saved;
    await expect(home).not.toBeChecked();
    await checkA11y('roles screen with a limited customer group');
    const stored = await (await page.request.get('/api/v1/admin/section-access/groups')).json();
    // Every other section (the catalog, …) stays; only home is taken away.
    expect(stored.groups[groupId]).toEqual(expect.any(Array));
    expect(stored.groups[groupId]).not.toContain('home');

    // The invited person signs up from the link and lands in the company's cabinet.
    const mail = await waitForMail(baseURL as string, email, /Приглашение в кабинет компании/);
    await memberPage.goto(linkIn(mail.text, '/invitations/', baseURL as string));
    const form = memberPage.getByRole('form', { name: ru.companies.invitation.signUpTitle });
    await form.getByLabel(ru.companies.invitation.name).fill('Павел Разделов');
    await form.getByLabel(ru.companies.invitation.password).fill('a-long-enough-password-1');
    await form.getByLabel(ru.companies.invitation.consent).check();
    await form.getByRole('button', { name: ru.companies.invitation.signUp }).click();
    await expect(memberPage).toHaveURL(new RegExp(`/orgs/${companyId}$`));
    await expect(memberPage.getByRole('heading', { level: 1, name: companyName })).toBeVisible();

    // In the company's context the home section is gone; in the personal cabinet it stays.
    await expect.poll(() => homeLinks(memberPage, isMobile)).toBe(0);
    await expectAccessible(memberPage, 'company cabinet without the home section');
    await memberPage.goto('/profile');
    await expect.poll(() => homeLinks(memberPage, isMobile)).toBeGreaterThan(0);

    // With every section again, the company's context shows it too.
    const restored = await page.request.put(`/api/v1/admin/section-access/groups/${groupId}`, {
      data: { sections: null },
      headers,
    });
    expect(restored.ok()).toBe(true);
    await memberPage.goto(`/orgs/${companyId}`);
    await expect(memberPage.getByRole('heading', { level: 1, name: companyName })).toBeVisible();
    await expect.poll(() => homeLinks(memberPage, isMobile)).toBeGreaterThan(0);
  } finally {
    await page.request.put(`/api/v1/admin/section-access/groups/${groupId}`, {
      data: { sections: null },
      headers,
    });
    await member.close();
  }
  consoleProblems.expectNone();
});
