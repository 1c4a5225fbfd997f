/**
 * Accounts end to end in the real UI: the real remote service (embedded Postgres) and a fake Groq run in this
 * worker; the app finds them through READER_REMOTE_URL and keeps its session under a test-only keychain service
 * in the real Secret Service (npm test runs inside scripts/with-keyring.sh).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGroq, type FakeGroq } from '../fixtures/fake-groq.js';
import { keytar } from '../fixtures/keyring.js';
import { signUpThroughWizard } from './support/account-ui.js';
import { expect, test } from './support/fixtures.js';
import { overrideEnv, signedInEnv } from './support/signed-in-env.js';
import { expectNoSeriousA11yViolations, openFirstBook } from './support/ui.js';

const PERSONALIZED = [
  '# Your hobby-bench guide',
  '',
  'Picture the robot like the Arduino rover on your desk: sensors in, motors out.',
  '',
  ...Array.from({ length: 12 }, (_, i) => `Step ${i + 1}: a short, plain explanation pitched at a beginner.`),
].join('\n');
const ANSWER = 'The ankle force sensors drift with temperature, so they are re-zeroed while unloaded [1].';
// The service is told to use this model name for answers, so the fake knows which text to send back.
const CHAT_MODEL = 'fake-chat-model';

let groq: FakeGroq;

test.describe.configure({ mode: 'serial' });

// Before the service starts (hooks run in order): the service is told where the fake is.
test.beforeAll(async () => {
  groq = await startFakeGroq({
    text: (body) => (body.model === CHAT_MODEL ? ANSWER : PERSONALIZED),
    chunkChars: 10,
    tokenDelayMs: 40,
  });
});
const env = signedInEnv('account e2e', () => ({ GROQ_API_KEY: 'test-key', GROQ_BASE_URL: groq.url, GROQ_CHAT_MODEL: CHAT_MODEL }));
test.afterAll(async () => {
  await groq?.close();
});

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

test('sign up through the questionnaire, personalize a chapter, read it again offline, sign out', async ({ reader }) => {
  test.setTimeout(240_000);
  test.skip(env.noKeyring !== null, env.noKeyring ?? '');
  let page = reader.page;
  const email = `e2e-${Date.now()}@example.com`;
  await openFirstBook(page);
  const chapterId = await page.getByTestId('chapter').getAttribute('data-chapter-id');

  // Signed out, the chapter offers sign-in instead of personalization.
  await page.getByTestId('personalize-signin').click();
  await expect(page.getByTestId('account-panel')).toBeVisible();

  await expectNoSeriousA11yViolations(page);
  // Step 1: account, with the password rules updating as the reader types.
  await page.getByTestId('signup-name').fill('Ada Student');
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill('short');
  await expect(page.getByTestId('password-rule-min')).toHaveAttribute('data-met', 'false');
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByTestId('signup-next')).toBeDisabled();
  await page.getByTestId('signup-password').fill('long enough secret');
  await expect(page.getByTestId('password-rule-min')).toHaveAttribute('data-met', 'true');
  await page.getByTestId('signup-next').click();
  // Steps 2 and 3: backgrounds.
  await expect(page.getByTestId('signup-step-title')).toContainText('Software background');
  await page.getByTestId('software-beginner').check();
  await page.getByTestId('signup-next').click();
  await page.getByTestId('hardware-hobbyist').check();
  await page.getByTestId('hardware-detail').fill('Arduino Uno, two hobby servos');
  await page.getByTestId('signup-next').click();
  // Step 4: review, then create.
  await expect(page.getByTestId('signup-review')).toContainText(email);
  await expect(page.getByTestId('signup-review')).toContainText('Hobbyist (Arduino Uno, two hobby servos)');
  await page.getByTestId('signup-next').click();
  await expect(page.getByTestId('account-name')).toHaveText('Ada Student', { timeout: 30_000 });
  await expect(page.getByTestId('account-verified')).toHaveAttribute('data-verified', 'online');
  await expect(page.getByTestId('keychain-notice')).toHaveCount(0);
  expect(await keytar.getPassword(env.service, 'session')).toContain(env.remote.url);
  await page.getByTestId('panel-close').click();

  // Personalize: the text streams into the chapter view, marked as generated, then the saved copy shows.
  await page.getByTestId('personalize-start').click();
  await expect(page.getByTestId('personalized-stream')).toBeVisible();
  await expect(page.getByTestId('personalized-banner')).toContainText('Beginner software, Hobbyist hardware');
  await expect(page.getByTestId('personalized-body')).toContainText('Your hobby-bench guide', { timeout: 30_000 });
  await expect(page.getByTestId('personalized-chapter')).toHaveAttribute('data-state', 'ready');
  await expectNoSeriousA11yViolations(page);
  // Back to the original and forth again.
  await page.getByTestId('show-original').click();
  await expect(page.getByTestId('chapter')).toBeVisible();
  await expect(page.getByTestId('personalized-chapter')).toHaveCount(0);
  await page.getByTestId('show-personalized').click();
  await expect(page.getByTestId('personalized-body')).toContainText('Arduino rover');

  // Ask: the book's own answer first, then the generated one from the same passages, whose [1] opens passage 1.
  await page.getByTestId('toolbar-ask').click();
  await page.getByTestId('ask-input').fill('Why do the force sensors in the ankles have to be re-zeroed?');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-passage').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('online-answer')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('online-answer')).toContainText('re-zeroed while unloaded');
  const sent = groq.requests.filter((r) => r.model === CHAT_MODEL).at(-1);
  expect(JSON.stringify(sent)).toMatch(/\[1\][^\]]*Force and Torque/i);
  await page.getByTestId('online-citation').first().click();
  await expect(page.getByTestId('ask-passage-highlight')).toBeVisible();
  await page.getByTestId('panel-close').click().catch(() => undefined);

  // The service goes away and the app restarts: profile from the cache, personalized chapter still readable.
  await env.remote.stop();
  try {
    page = await reader.restart();
    await openFirstBook(page);
    await page.locator(`[data-testid="toc-entry"][data-chapter-id="${chapterId}"]`).click();
    await page.getByTestId('show-personalized').click();
    await expect(page.getByTestId('personalized-body')).toContainText('Your hobby-bench guide');
    // A new rewrite cannot be made offline: a clear message and a retry, and the saved one stays on screen.
    await page.getByTestId('personalize-regenerate').click();
    await expect(page.getByTestId('personalize-error')).toHaveAttribute('data-kind', 'offline');
    await expect(page.getByTestId('personalize-retry')).toBeVisible();
    await expect(page.getByTestId('personalized-body')).toContainText('Your hobby-bench guide');
    // Asking offline: the book's own answer stands alone, with one line saying why there is no generated one.
    await page.getByTestId('toolbar-ask').click();
    await page.getByTestId('ask-input').fill('Why do the force sensors in the ankles have to be re-zeroed?');
    await page.getByTestId('ask-submit').click();
    await expect(page.getByTestId('ask-passage').first()).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('online-answer-unavailable')).toHaveAttribute('data-kind', 'offline');
    await expect(page.getByTestId('online-answer')).toHaveCount(0);
    await page.getByTestId('toolbar-account').click();
    await expect(page.getByTestId('account-verified')).toHaveAttribute('data-verified', 'cache');
    await expect(page.getByTestId('account-email')).toHaveText(email);
  } finally {
    await env.remote.start();
  }

  // Nothing in the data dir holds the session token or the JWT.
  const secrets = JSON.parse((await keytar.getPassword(env.service, 'session')) ?? '{}');
  for (const file of allFiles(reader.dataDir)) {
    const bytes = readFileSync(file);
    expect(bytes.includes(secrets.sessionToken.split('.')[0]), file).toBe(false);
    expect(bytes.includes(secrets.jwt.split('.')[2]), file).toBe(false);
  }

  // Sign out: the keychain entry is gone and so is the personalized chapter.
  await page.getByTestId('account-signout').click();
  await expect(page.getByTestId('signup-form')).toBeVisible();
  expect(await keytar.getPassword(env.service, 'session')).toBeNull();
  await page.getByTestId('panel-close').click();
  await expect(page.getByTestId('personalize-signin')).toBeVisible();
  await expect(page.getByTestId('show-personalized')).toHaveCount(0);

  // The same email again: the service's refusal lands on the email field, back on the first step.
  await page.getByTestId('personalize-signin').click();
  await signUpThroughWizard(page, { name: 'Ada Again', email, software: 'advanced', hardware: 'robotics' });
  await expect(page.getByTestId('signup-error-email')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('signup-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('signup-step-title')).toContainText('Step 1 of 4');
});

test('Personalize works when clicked the moment sign-up shows the account name', async ({ reader }) => {
  test.setTimeout(180_000);
  test.skip(env.noKeyring !== null, env.noKeyring ?? '');
  const { page } = reader;
  await openFirstBook(page);
  await page.getByTestId('personalize-signin').click();
  // The click lands in the same task that puts the name on screen: a control on screen and enabled must work.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="account-name"]')) return;
      observer.disconnect();
      (document.querySelector('[data-testid="personalize-start"]') as HTMLElement | null)?.click();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  const before = groq.calls;
  // Readers with the same background share one rewrite of a chapter: a background no earlier test used, so this
  // click must reach Groq.
  await signUpThroughWizard(page, { name: 'Quick Clicker', email: `quick-${Date.now()}@example.com`, software: 'intermediate', hardware: 'industrial' });
  await expect(page.getByTestId('account-name')).toHaveText('Quick Clicker', { timeout: 30_000 });
  await expect(page.getByTestId('personalized-stream')).toBeVisible();
  await expect.poll(() => groq.calls, { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('personalized-body')).toContainText('Your hobby-bench guide', { timeout: 30_000 });
});

test.describe('without a Secret Service', () => {
  let restoreBus = () => {};
  test.beforeAll(() => {
    restoreBus = overrideEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/reader-e2e-bus' });
  });
  test.afterAll(() => restoreBus());

  test('signing up still works for this run and the app says the session will not be remembered', async ({ reader }) => {
    test.setTimeout(180_000);
    const { page } = reader;
    await openFirstBook(page);
    await page.getByTestId('toolbar-account').click();
    await expect(page.getByTestId('keychain-notice')).toBeVisible();
    await signUpThroughWizard(page, { name: 'Memo', email: `nokey-${Date.now()}@example.com`, software: 'none', hardware: 'none' });
    await expect(page.getByTestId('account-name')).toHaveText('Memo', { timeout: 30_000 });
    await expect(page.getByTestId('keychain-notice')).toBeVisible();
    await page.getByTestId('panel-close').click();
    await page.getByTestId('personalize-start').click();
    await expect(page.getByTestId('personalized-body')).toBeVisible({ timeout: 30_000 });
  });
});
