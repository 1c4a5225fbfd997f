/**
 * Ask history end to end: questions are kept as threads of the book, survive closing the panel and restarting the
 * app, can be renamed, searched and deleted; an online follow-up carries the earlier turn to the (fake) Groq.
 */
import { startFakeGroq, type FakeGroq } from '../fixtures/fake-groq.js';
import { signUpThroughWizard } from './support/account-ui.js';
import { expect, test } from './support/fixtures.js';
import { signedInEnv } from './support/signed-in-env.js';
import { expectNoSeriousA11yViolations, openFirstBook } from './support/ui.js';
import type { Page } from '@playwright/test';

// The first question may wait for the index if the prebuilt one is stale.
const ANSWER_TIMEOUT = 90_000;
const FIRST = 'Why do the force sensors in the ankles have to be re-zeroed?';
const SECOND = 'How does the robot measure the angle of its joints?';

async function ask(page: Page, question: string) {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-submit').click();
  // The button says "Searching…" from the click until this question's answer is shown; while the book is still
  // being indexed the panel says so and asks again by itself when the index is ready.
  await expect(page.getByTestId('ask-submit')).toHaveText('Ask', { timeout: ANSWER_TIMEOUT });
  await expect(page.getByTestId('ask-passage').first()).toBeVisible({ timeout: ANSWER_TIMEOUT });
  await expect(page.getByTestId('ask-submit')).toHaveText('Ask');
}

test('ask, close and reopen the panel, restart: the thread is there; rename, search, delete', async ({ reader }) => {
  test.setTimeout(300_000);
  let page = reader.page;
  await openFirstBook(page);
  await page.getByTestId('toolbar-ask').click();
  await expect(page.getByTestId('ask-thread-title')).toHaveText('New conversation');
  await ask(page, FIRST);

  // Closing the panel and opening it again brings the thread back as a conversation.
  await page.getByTestId('panel-close').click();
  await page.getByTestId('toolbar-ask').click();
  await expect(page.getByTestId('ask-turn')).toHaveCount(1);
  await expect(page.getByTestId('ask-turn-question')).toHaveText(FIRST);
  await expect(page.getByTestId('ask-thread-title')).toHaveText(FIRST);
  await ask(page, SECOND);
  await expect(page.getByTestId('ask-turn')).toHaveCount(1);

  // A restart keeps both turns, in order.
  page = await reader.restart();
  await openFirstBook(page);
  await page.getByTestId('toolbar-ask').click();
  await expect(page.getByTestId('ask-turn-question')).toHaveText([FIRST, SECOND]);
  await expect(page.getByTestId('ask-thread-item')).toHaveCount(1);
  await expect(page.getByTestId('ask-thread-item')).toContainText('2 answers');
  await expectNoSeriousA11yViolations(page);

  // A kept citation still opens its passage, highlighted and focused.
  await page.getByTestId('ask-turn-citation').first().click();
  await expect(page.getByTestId('ask-passage-highlight')).toBeVisible();
  await expect(page.getByTestId('ask-passage-highlight')).toBeFocused();

  // Rename in place with the keyboard.
  await page.getByTestId('ask-thread-rename').click();
  const input = page.getByTestId('ask-thread-rename-input');
  await expect(input).toBeFocused();
  await input.fill('Ankle sensors');
  await input.press('Enter');
  await expect(page.getByTestId('ask-thread-item')).toContainText('Ankle sensors');
  await expect(page.getByTestId('ask-thread-title')).toHaveText('Ankle sensors');

  // Search matches titles, questions and answers.
  const search = page.getByTestId('ask-threads-search');
  await search.fill('angle of its joints');
  await expect(page.getByTestId('ask-thread-item')).toHaveCount(1);
  await search.fill('no conversation says this');
  await expect(page.getByTestId('ask-thread-item')).toHaveCount(0);
  await expect(page.getByTestId('ask-threads-empty')).toHaveText('No conversation matches.');
  await search.fill('');

  // Delete asks first, then the thread is gone, after a restart too.
  await page.getByTestId('ask-thread-delete').click();
  await expect(page.getByTestId('ask-thread-item')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await page.getByTestId('ask-thread-delete-confirm').click();
  await expect(page.getByTestId('ask-thread-item')).toHaveCount(0);
  await expect(page.getByTestId('ask-turn')).toHaveCount(0);
  await expect(page.getByTestId('ask-thread-title')).toHaveText('New conversation');
  page = await reader.restart();
  await openFirstBook(page);
  await page.getByTestId('toolbar-ask').click();
  await expect(page.getByTestId('ask-threads-empty')).toBeVisible();
  await expect(page.getByTestId('ask-turn')).toHaveCount(0);
});

test.describe('online follow-up', () => {
  const ANSWER = 'The ankle force sensors drift with temperature, so they are re-zeroed while unloaded [1].';
  const CHAT_MODEL = 'fake-chat-model';
  let groq: FakeGroq;
  // Before the service starts (hooks run in order): the service is told where the fake is.
  test.beforeAll(async () => {
    groq = await startFakeGroq({ text: ANSWER, chunkChars: 20 });
  });
  const env = signedInEnv('ask history e2e', () => ({ GROQ_API_KEY: 'test-key', GROQ_BASE_URL: groq.url, GROQ_CHAT_MODEL: CHAT_MODEL }));
  test.afterAll(async () => {
    await groq?.close();
  });

  test('a follow-up sends the previous turn to the model, and both online answers are kept', async ({ reader }) => {
    test.setTimeout(240_000);
    test.skip(env.noKeyring !== null, env.noKeyring ?? '');
    const { page } = reader;
    await openFirstBook(page);
    await page.getByTestId('toolbar-account').click();
    await signUpThroughWizard(page, { name: 'Follow Up', email: `follow-${Date.now()}@example.com`, software: 'beginner', hardware: 'robotics' });
    await expect(page.getByTestId('account-name')).toHaveText('Follow Up', { timeout: 30_000 });
    await page.getByTestId('panel-close').click();

    await page.getByTestId('toolbar-ask').click();
    await ask(page, FIRST);
    await expect(page.getByTestId('online-answer')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const first = groq.requests.filter((r) => r.model === CHAT_MODEL).at(-1)!;
    expect(first.messages.map((m) => m.role)).toEqual(['system', 'user']);

    await ask(page, 'And what about the wrist sensors?');
    await expect(page.getByTestId('online-answer')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const followUp = groq.requests.filter((r) => r.model === CHAT_MODEL).at(-1)!;
    expect(followUp.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(followUp.messages[1]!.content).toBe(FIRST);
    // The online answer (markers off: they named that turn's passages) is the earlier turn.
    expect(followUp.messages[2]!.content).toBe(ANSWER.replace(' [1]', ''));
    expect(followUp.messages[3]!.content).toMatch(/Question: And what about the wrist sensors\?$/);

    // Reopened, the thread shows each question's offline and online answers, the model named.
    await page.getByTestId('panel-close').click();
    await page.getByTestId('toolbar-ask').click();
    await expect(page.locator('[data-testid="ask-turn"][data-mode="online"]')).toHaveCount(2);
    await expect(page.locator('[data-testid="ask-turn"][data-mode="online"]').first()).toContainText(CHAT_MODEL);
  });
});
