import { expect, expectAccessible, test } from './fixtures';
import { newContextLike } from './fixtures/contexts';
import { companyId, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The acceptance journey of the live chat (issue 7): the dealer's buyer and the company's personal manager in
 * two browser contexts. The buyer writes, the manager sees it without a reload, types (the buyer sees the
 * typing indicator) and answers; the buyer sees the answer and the read receipt of their own message.
 */

const ru = texts.ru;
const firstLoad = { timeout: 30_000 };

test('[COMPANY] chat: the dealer buyer chats with the personal manager in real time', async ({
  page,
  browser,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  const origin = { Origin: new URL(base).origin };
  const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;

  await signInAs(page, base, demoPeople.buyer);
  const dealerId = await companyId(page, demoCompanies.dealer);
  await page.goto(`/orgs/${dealerId}/chat`);
  await expect(page.getByRole('heading', { level: 1, name: ru.chat.titleCompany })).toBeVisible(firstLoad);
  await expect(page.getByTestId('chat-connection')).toHaveAttribute('data-state', 'online', firstLoad);
  const opened = await page.request.post('/api/v1/chat/conversations', {
    headers: origin,
    data: { orgId: dealerId },
  });
  const conversationId = (await opened.json()).id as string;

  // The manager, in a second browser context of the same size, opens the conversation in the back office.
  const managerContext = await newContextLike(browser, testInfo, base);
  try {
    const manager = await managerContext.newPage();
    await signInAs(manager, base, demoPeople.admin);
    await manager.goto(`/admin/chat?c=${conversationId}`);
    await expect(manager.getByTestId('chat-title')).toHaveText(demoCompanies.dealer, firstLoad);
    await expect(manager.getByTestId('chat-connection')).toHaveAttribute('data-state', 'online', firstLoad);
    await checkA11y('buyer chat');
    await expectAccessible(manager, 'manager chat inbox');

    // The buyer writes; the manager sees it without reloading.
    const question = `Когда будет отгрузка? ${tag}`;
    await page.getByTestId('chat-input').fill(question);
    await page.getByTestId('chat-send').click();
    await expect(manager.getByTestId('chat-message').filter({ hasText: question })).toBeVisible();

    // The manager types: the buyer sees the indicator.
    await manager.getByTestId('chat-input').pressSequentially('Завтра', { delay: 50 });
    await expect(page.getByTestId('chat-typing')).toHaveText(ru.chat.typingStaff);

    // The manager answers; the buyer sees the answer, and ✓✓ on the question the manager has read.
    const answer = `Завтра утром, ${tag}`;
    await manager.getByTestId('chat-input').fill(answer);
    await manager.getByTestId('chat-send').click();
    await expect(page.getByTestId('chat-message').filter({ hasText: answer })).toBeVisible();
    await expect(
      page.getByTestId('chat-message').filter({ hasText: question }).getByTestId('chat-receipt'),
    ).toHaveAttribute('data-read', 'true');
    await expect(
      manager.getByTestId('chat-message').filter({ hasText: answer }).getByTestId('chat-receipt'),
    ).toHaveAttribute('data-read', 'true');
    await checkA11y('buyer chat with an answer');
    await expectAccessible(manager, 'manager chat with an answer');
    consoleProblems.expectNone();
  } finally {
    await managerContext.close();
  }
});
