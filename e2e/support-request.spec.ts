import { expect, test } from './fixtures';
import { newContextLike } from './fixtures/contexts';
import { placeOrder, signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const s = ru.support;
const d = ru['support-desk'];
const firstLoad = { timeout: 30_000 };

test('[CABINET] support: a customer asks about an order from its page, the operator answers with a canned reply, the customer sees it live, closes and rates the request', async ({
  page,
  browser,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  await signInAs(page, base, demoPeople.customer);
  const order = await placeOrder(page, base, '/me', 1);
  const subject = `Где заказ ${order.number} ${testInfo.project.name}`;

  await page.goto(`/orders/${order.id}`);
  await page.getByTestId('ask-question').click();
  await expect(page.getByRole('heading', { level: 1, name: s.newTitle })).toBeVisible(firstLoad);
  await expect(page.getByTestId('request-context')).toContainText(order.number);
  await page.getByLabel(s.form.subject).fill(subject);
  await page.getByLabel(s.form.body).fill('Подскажите сроки доставки: когда привезут заказ?');
  // The knowledge base offers an article while the question is typed.
  await expect(
    page.getByTestId('kb-suggestions').getByRole('link', { name: 'Сроки и стоимость доставки' }),
  ).toBeVisible(firstLoad);
  await checkA11y('new request');
  await page.getByTestId('request-submit').click();

  await expect(page.getByTestId('request-number')).toHaveText(/^S-\d{4}-\d{6}$/, firstLoad);
  await expect(page.getByTestId('ticket-status')).toHaveText(s.statuses.new);
  await expect(page.getByTestId('request-due')).toBeVisible();
  await expect(page.getByTestId('bubble-requester')).toContainText('Подскажите');
  await checkA11y('request');
  const ticketId = page.url().split('/').pop() as string;

  // The operator, in a second browser context of the same size, answers from the desk with a canned reply.
  const operatorContext = await newContextLike(browser, testInfo, base);
  try {
    const operator = await operatorContext.newPage();
    await signInAs(operator, base, demoPeople.support);
    await operator.goto(`/admin/support?ticket=${ticketId}`);
    await expect(operator.getByRole('heading', { name: subject })).toBeVisible(firstLoad);
    await operator.getByRole('button', { name: d.composer.canned }).click();
    await operator.getByRole('textbox', { name: d.composer.cannedSearch }).fill('отгружен');
    await operator.getByTestId('canned-item').filter({ hasText: 'Заказ отгружен' }).click();
    const reply = operator.getByRole('textbox', { name: d.composer.replyLabel });
    await expect(reply).toHaveValue(new RegExp(`^Здравствуйте, Иван! Заказ ${order.number} отгружен`));
    await operator.getByRole('button', { name: d.composer.send }).click();
    await expect(operator.getByText(d.composer.sent)).toBeVisible();
  } finally {
    await operatorContext.close();
  }
  // No reload: the open thread refreshes itself.
  await expect(page.getByTestId('bubble-operator')).toContainText(`Заказ ${order.number} отгружен`, {
    timeout: 20_000,
  });

  await page.getByTestId('request-close').click();
  await expect(page.getByTestId('ticket-status')).toHaveText(s.statuses.closed);
  await page.getByTestId('rating-5').click();
  await page.getByTestId('rating-comment').fill('Спасибо, быстро!');
  await page.getByTestId('rating-submit').click();
  await expect(page.getByTestId('request-rated')).toContainText('Спасибо, быстро!');
  await checkA11y('rated request');

  await page.getByRole('link', { name: s.back }).click();
  // The segmented control's radios are visually hidden: people click their labels.
  await page.locator('label').filter({ hasText: s.filters.closed }).click();
  await expect(page.getByRole('radio', { name: s.filters.closed })).toBeChecked();
  await expect(page.getByTestId('request-item').filter({ hasText: subject })).toContainText(
    s.statuses.closed,
  );
  await checkA11y('requests');
});
