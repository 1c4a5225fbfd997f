/**
 * The smoke test of a packaged build (the `packaged` project, in CI on every OS: review items 5, 8 and 11): the app
 * starts from its asar, the bundled book comes from process.resourcesPath, a chapter opens (better-sqlite3 rebuilt
 * for Electron), keyword search answers (SQLite full-text) and a question is answered from the LanceDB index
 * (the runner's own native LanceDB package), and the account panel finds a usable keychain (keytar rebuilt too). The web and electron projects leave it out: search.spec and ask.spec
 * check the same in depth there.
 */
import { expect, test, TEST_IDS } from './support/fixtures.js';

test('a chapter opens, search finds a term, a question is answered with a cited passage, the keychain works', async ({ reader }) => {
  test.setTimeout(150_000);
  const { page } = reader;
  await page.getByTestId(TEST_IDS.openBook).first().click();
  await expect(page.getByTestId(TEST_IDS.chapter)).toBeVisible();
  await expect(page.getByTestId(TEST_IDS.chapter).locator('h1').first()).not.toBeEmpty();

  await page.getByTestId(TEST_IDS.toolbarSearch).click();
  await page.getByTestId(TEST_IDS.searchInput).fill('Jacobian');
  await page.getByTestId(TEST_IDS.searchInput).press('Enter');
  await expect(page.getByTestId(TEST_IDS.searchResult).first()).toBeVisible();

  await page.getByTestId(TEST_IDS.toolbarAsk).click();
  await page.getByTestId(TEST_IDS.askInput).fill('Why do the force sensors in the ankles have to be re-zeroed?');
  await page.getByTestId(TEST_IDS.askSubmit).click();
  await expect(page.getByTestId(TEST_IDS.askPassage).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId(TEST_IDS.askCitation).first()).toBeVisible();

  await page.getByTestId(TEST_IDS.toolbarAccount).click();
  await expect(page.getByTestId(TEST_IDS.signupForm)).toBeVisible();
  await expect(page.getByTestId(TEST_IDS.keychainNotice)).toHaveCount(0);
});
