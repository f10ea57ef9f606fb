import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The help centre of issue 7: a customer finds an article by another word form, votes "helpful", and gets
 * articles suggested while describing a question; the back office writes and publishes an article that then
 * appears in the cabinet.
 */

const kb = texts.ru.kb;
const ka = texts.ru['kb-admin'];
const firstLoad = { timeout: 30_000 };

test('[PERSONAL] help: a customer finds an article by another word form, votes and gets suggestions while typing', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1, name: kb.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('kb-results')).toBeVisible();
  await checkA11y('help centre');

  // «доставка» finds «Сроки и стоимость доставки», with the matched word highlighted.
  await page.getByRole('searchbox', { name: kb.search.label }).fill('доставка');
  const hit = page.getByRole('article').filter({ hasText: 'Сроки и стоимость доставки' });
  await expect(hit).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: 'Не получается войти' })).toHaveCount(0);
  await expect(hit.getByTestId('kb-snippet').locator('b').first()).toHaveText(/доставк/i);
  await checkA11y('help search results');

  await hit.getByRole('link', { name: 'Сроки и стоимость доставки' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сроки и стоимость доставки' })).toBeVisible();
  await expect(page.getByTestId('kb-article-body')).toContainText('Самовывоз');
  await page.getByRole('button', { name: kb.helpful.yes }).click();
  await expect(page.getByTestId('kb-helpful-thanks')).toBeVisible();
  await expect(page.getByRole('button', { name: kb.helpful.yes })).toHaveAttribute('aria-pressed', 'true');
  await checkA11y('help article');

  // "Didn't find an answer?": describing the question suggests the returns article.
  await page.getByRole('link', { name: kb.back }).click();
  const ask = page.getByRole('textbox', { name: kb.ask.label });
  await ask.fill('Пришёл бракованный фильтр, хочу вернуть');
  const suggestions = page.getByTestId('kb-suggestions');
  await expect(suggestions.getByRole('link', { name: 'Возврат и обмен товара' })).toBeVisible();
  await checkA11y('help suggestions');
  await ask.fill('ок');
  await expect(suggestions).toBeHidden();
  consoleProblems.expectNone();
});

test('[BACKOFFICE] knowledge base: an editor writes and publishes an article that customers then find', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const nonce = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const title = `Гарантия на мембраны ${nonce}`;
  await signInAs(page, baseURL as string, demoPeople.admin);
  await page.goto('/admin/kb');
  await expect(page.getByRole('heading', { level: 1, name: ka.title })).toBeVisible(firstLoad);
  await expect(page.getByTestId('kb-admin-articles')).toBeVisible();
  await checkA11y('knowledge base editor list');

  await page.getByRole('link', { name: ka.newArticle }).click();
  await page.getByRole('textbox', { name: ka.fields.title }).fill(title);
  await page.getByRole('textbox', { name: ka.fields.slug }).fill(`garantiya-${nonce}`);
  await page
    .getByRole('textbox', { name: ka.fields.body })
    .fill(
      '## Сроки гарантии\n\nНа мембраны действует **гарантия** 12 месяцев.\n\n- сохраните чек\n- не вскрывайте корпус',
    );
  await page.getByRole('tab', { name: ka.preview }).click();
  await expect(
    page.getByTestId('kb-admin-preview').getByRole('heading', { name: 'Сроки гарантии' }),
  ).toBeVisible();
  await checkA11y('knowledge base article editor');
  await page.getByRole('checkbox', { name: ka.audience.customer }).check();
  await page.getByTestId('kb-admin-publish').click();
  await expect(page.getByTestId('kb-admin-status')).toHaveText(ka.status.published);
  await expect(page).toHaveURL(/\/admin\/kb\/[0-9a-f-]{36}$/);

  // The customer finds it in the help centre by another word form.
  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/help');
  await page.getByRole('searchbox', { name: kb.search.label }).fill(`гарантией ${nonce}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('kb-article-body').locator('li')).toHaveCount(2);
  consoleProblems.expectNone();
});
