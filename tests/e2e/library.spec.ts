import { expect, test } from './support/fixtures';
import { expectNoSeriousA11yViolations, shot } from './support/ui';

test('first launch shows the bundled book in the library, with no setup', async ({ reader }, testInfo) => {
  const { page } = reader;
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const card = page.getByTestId('book-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByText('Included with the app')).toBeVisible();
  const chapters = Number((await card.getByTestId('chapter-count').textContent())?.match(/\d+/)?.[0]);
  expect(chapters).toBeGreaterThanOrEqual(10);
  // Nothing has been read yet, so there is nothing to continue.
  await expect(page.getByTestId('continue-card')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await shot(page, testInfo, 'library-light');
});
