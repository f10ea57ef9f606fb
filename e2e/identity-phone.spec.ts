import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { uniquePhone, waitForSmsCode } from './fixtures/sms';
import { texts } from './fixtures/texts';

const ru = texts.ru;
// Demo people with confirmed phones (src/db/seed/demo-data.ts); one per project, so they never share codes.
const people = {
  desktop: { name: 'Иван Петров', phone: '+79990000002', typed: '8 999 000-00-02' },
  phone: { name: 'Сергей Кузнецов', phone: '+79990000003', typed: '+7 (999) 000-00-03' },
};

test.describe('[PUBLIC] sign-in by SMS code', () => {
  test('[PUBLIC] a person signs in with a phone number and the code from the SMS', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    const person = people[testInfo.project.name as keyof typeof people];
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-method').getByText(ru.identity.methods.phone, { exact: true }).click();
    const form = page.getByTestId('phone-sign-in');
    await expect(form).toBeVisible();
    await checkA11y('sign-in, phone');

    // A mistyped number is caught before anything is sent.
    await form.getByLabel(ru.identity.phoneCode.phone).fill('12345');
    await form.getByRole('button', { name: ru.identity.phoneCode.send }).click();
    await expect(form.getByText(ru.identity.phoneCode.phoneInvalid)).toBeVisible();

    const since = new Date();
    await form.getByLabel(ru.identity.phoneCode.phone).fill(person.typed);
    await form.getByRole('button', { name: ru.identity.phoneCode.send }).click();
    const step = page.getByTestId('phone-code-step');
    await expect(step).toBeVisible();
    await expect(step.getByText(/\+7 999 000/)).toBeVisible();
    await expect(step.getByText(/Новый код через \d+ с/)).toBeVisible();
    const code = await waitForSmsCode(baseURL as string, person.phone, since);

    // A wrong code is refused with a message; the right one signs in.
    await step.getByLabel(ru.identity.phoneCode.code).fill(code === '000000' ? '111111' : '000000');
    await step.getByRole('button', { name: ru.identity.phoneCode.submit }).click();
    await expect(page.getByTestId('phone-code-error')).toHaveText(ru.identity.phoneCode.wrongCode);
    await checkA11y('sign-in, code step with an error');
    await step.getByLabel(ru.identity.phoneCode.code).fill(code);
    await step.getByRole('button', { name: ru.identity.phoneCode.submit }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(ru.identity.signIn.done)).toBeVisible();
    await page.goto('/sign-in');
    await expect(page.getByTestId('signed-in')).toContainText(person.name);
    consoleProblems.expectNone([/status of 400/]);
  });

  test('[PUBLIC] a person signs up with a phone number instead of an e-mail', async ({
    page,
    baseURL,
    consoleProblems,
  }) => {
    const phone = uniquePhone();
    await page.goto('/sign-up');
    await page
      .getByTestId('sign-up-contact')
      .getByText(ru.identity.phoneSignUp.phone, { exact: true })
      .click();
    const form = page.getByTestId('phone-sign-up');
    await form.getByLabel(ru.identity.fields.name).fill('Мария Телефонова');
    await form.getByLabel(ru.identity.phoneCode.phone).fill(phone);
    await form.getByLabel(ru.identity.fields.password).fill('a long phone passphrase');
    await form.getByLabel(ru.identity.signUp.consent).check();
    const since = new Date();
    await form.getByRole('button', { name: ru.identity.phoneSignUp.submit }).click();
    const step = page.getByTestId('phone-code-step');
    await expect(step).toBeVisible();
    const code = await waitForSmsCode(baseURL as string, phone, since);
    await step.getByLabel(ru.identity.phoneCode.code).fill(code);
    await step.getByRole('button', { name: ru.identity.phoneSignUp.confirm }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(ru.identity.phoneSignUp.done)).toBeVisible();
    await page.goto('/sign-in');
    await expect(page.getByTestId('signed-in')).toContainText('Мария Телефонова');
    consoleProblems.expectNone();
  });
});

test.describe('[PERSON] phone number in the profile', () => {
  test('[PERSON] a person adds a phone number, confirmed by the SMS code', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
    const phone = uniquePhone();
    await page.goto('/profile/security');
    const section = page.getByTestId('phone-section');
    await expect(section.getByTestId('current-phone')).toHaveText(ru.profile.phone.none);
    await section.getByRole('button', { name: ru.profile.phone.add }).click();
    const since = new Date();
    await section.getByRole('textbox', { name: ru.profile.phone.newNumber }).fill(phone);
    await section.getByRole('button', { name: ru.identity.phoneCode.send }).click();
    const code = await waitForSmsCode(baseURL as string, phone, since);
    await checkA11y('security page, phone code step');
    await section.getByRole('textbox', { name: ru.identity.phoneCode.code }).fill(code);
    await section.getByRole('button', { name: ru.profile.phone.confirm }).click();
    await expect(page.getByText(ru.profile.phone.saved)).toBeVisible();
    await expect(section.getByTestId('current-phone')).toContainText(`+7 916 ${phone.slice(5, 8)}`);
    consoleProblems.expectNone();
  });
});
