import { expect, test } from './support/fixtures.js';
import { openFirstBook } from './support/ui.js';

// The first question may wait for the index if the prebuilt one is stale (the book changed since it was built).
const ANSWER_TIMEOUT = 90_000;

test('ask the book, then follow a citation to the highlighted passage', async ({ reader }) => {
  test.setTimeout(150_000);
  const { page } = reader;
  await openFirstBook(page);

  await page.getByTestId('toolbar-ask').click();
  const input = page.getByTestId('ask-input');
  await expect(input).toBeFocused();
  await input.fill('Why do the force sensors in the ankles have to be re-zeroed?');
  await page.getByTestId('ask-submit').click();

  const passages = page.getByTestId('ask-passage');
  await expect(passages.first()).toBeVisible({ timeout: ANSWER_TIMEOUT });
  await expect(passages.first()).toContainText('Force and Torque Sensing');
  // The extractive answer comes first and cites its source.
  await expect(page.getByTestId('ask-answer')).toBeVisible();
  await expect(page.getByTestId('ask-answer')).toContainText(/temperature|unloaded|re-zero/i);

  await page.getByTestId('ask-citation').first().click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter-id', /sensors/);
  const highlight = page.getByTestId('ask-passage-highlight');
  await expect(highlight).toBeVisible();
  await expect(highlight).toBeInViewport();
  await expect(highlight).toBeFocused();
  await expect(page.getByTestId('chapter').locator('.ask-passage').first()).toContainText(/force\/torque sensor|strain gauges|drift/i);
});

test('select text in a chapter and ask about it', async ({ reader }) => {
  test.setTimeout(150_000);
  const { page } = reader;
  await openFirstBook(page);
  // Select the first sentence-sized stretch of a paragraph in the chapter.
  await page.getByTestId('chapter').locator('.chapter-body p').first().evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  const button = page.getByTestId('ask-about-selection');
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.getByTestId('ask-panel')).toBeVisible();
  await expect(page.getByTestId('ask-input')).not.toHaveValue('');
  await expect(page.getByTestId('ask-passage').first()).toBeVisible({ timeout: ANSWER_TIMEOUT });
});

test('empty and nonsense questions get a clear message', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  await page.keyboard.press('a');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-message')).toHaveText(/type a question/i);
  await page.getByTestId('ask-input').fill('%%% ### 123');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-message')).toHaveText(/does not look like a question/i);
  await expect(page.getByTestId('ask-passage')).toHaveCount(0);
});
