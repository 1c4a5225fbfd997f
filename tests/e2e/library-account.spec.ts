/**
 * The Account panel from the library page: opened and closed with the keyboard, the signed-in state shown there
 * after reading, and each account form (sign up, sign in, edit background) used from there. Real remote service (embedded Postgres) in this worker; the session
 * is kept under a test-only keychain service in the real Secret Service (run inside scripts/with-keyring.sh).
 */
import { keytar } from '../fixtures/keyring.js';
import { signUpThroughWizard } from './support/account-ui.js';
import { expect, test } from './support/fixtures.js';
import { signedInEnv } from './support/signed-in-env.js';
import { expectNoSeriousA11yViolations, openFirstBook } from './support/ui.js';

const env = signedInEnv('library account e2e');

test('the library opens the Account panel by keyboard; sign up, sign out, sign in and edit the background there', async ({ reader }) => {
  test.setTimeout(180_000);
  test.skip(env.noKeyring !== null, env.noKeyring ?? '');
  const { page } = reader;
  const email = `library-${Date.now()}@example.com`;
  const accountButton = page.getByTestId('toolbar-account');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();

  // Keyboard: Enter on the toolbar button opens the panel and moves focus into it; Tab reaches the first field.
  await accountButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-panel')).toBeVisible();
  await expect(accountButton).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('side-panel').locator(':focus')).toHaveCount(1);
  await expect(page.getByTestId('signup-name')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Signing up works from here: the same wizard as in the reading view.
  await signUpThroughWizard(page, { name: 'Lib Reader', email, software: 'intermediate', hardware: 'none' });
  await expect(page.getByTestId('account-name')).toHaveText('Lib Reader', { timeout: 30_000 });
  await expect(page.getByTestId('account-verified')).toHaveAttribute('data-verified', 'online');
  expect(await keytar.getPassword(env.service, 'session')).toContain(env.remote.url);

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-panel')).toHaveCount(0);
  await expect(accountButton).toBeFocused();
  await expect(accountButton).toHaveAttribute('aria-expanded', 'false');

  // Read a little, come back: the library's panel shows the signed-in state, as the reading view's does.
  await openFirstBook(page);
  await page.getByTestId('toolbar-account').click();
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await page.getByTestId('nav-library').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await page.getByTestId('toolbar-account').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-name')).toHaveText('Lib Reader');
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await expect(page.getByTestId('account-verified')).toHaveAttribute('data-verified', 'online');
  await expect(page.getByTestId('account-software')).toContainText('Intermediate');
  await expectNoSeriousA11yViolations(page);

  // Sign out from the library: the keychain entry goes and the panel offers sign-up again.
  await page.getByTestId('account-signout').click();
  await expect(page.getByTestId('signup-form')).toBeVisible();
  expect(await keytar.getPassword(env.service, 'session')).toBeNull();

  // Sign in again with the sign-in form: a wrong password is refused in words, the right one signs in.
  await page.getByTestId('account-mode-signin').click();
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill('not the password');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-error')).toHaveText('That email and password do not match an account.', { timeout: 30_000 });
  await page.getByTestId('signin-password').fill('long enough secret');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('account-name')).toHaveText('Lib Reader', { timeout: 30_000 });

  // Edit the background: saved at the service, and the profile shows the new level.
  await page.getByTestId('account-edit-background').click();
  await expect(page.getByTestId('software-intermediate')).toBeChecked();
  await page.getByTestId('software-advanced').check();
  await page.getByTestId('edit-background-save').click();
  await expect(page.getByTestId('account-software')).toContainText('Advanced', { timeout: 30_000 });

  // The close button also returns focus to the toolbar.
  await page.getByTestId('panel-close').click();
  await expect(page.getByTestId('toolbar-account')).toBeFocused();
});
