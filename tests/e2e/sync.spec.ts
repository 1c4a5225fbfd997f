/**
 * Sync in the web host: a second lab machine (the real reader core on a data dir of its own, syncing as the same
 * student) reads on; after "Sync now" the library offers to continue there, and only moves when asked. Sign-out
 * sends the unsent changes first; when the service is down it offers to keep or discard them. Real remote service
 * (embedded Postgres) and the real Secret Service (run inside scripts/with-keyring.sh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteClient } from '../../electron/core/account/remote-client.js';
import { BUNDLED_BOOK_ID } from '../../electron/core/library/ids.js';
import { bundledBookDir } from '../../electron/core/paths.js';
import { createReaderCore, type ReaderCore } from '../../electron/core/reader-core.js';
import { runSync, type SyncTransport } from '../../electron/core/sync/sync-run.js';
import { signUpThroughWizard } from './support/account-ui.js';
import { expect, test } from './support/fixtures.js';
import { signedInEnv } from './support/signed-in-env.js';
import { expectNoSeriousA11yViolations } from './support/ui.js';

const password = 'long enough secret';
const env = signedInEnv('sync e2e');

/** The other lab PC: the real core on its own data dir, signed in as the same student. */
async function otherMachine(email: string): Promise<{ core: ReaderCore; transport: SyncTransport; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-e2e-lab14-'));
  const client = createRemoteClient({ baseUrl: env.remote.url });
  const { sessionToken } = await client.signIn({ email, password });
  const jwt = await client.mintJwt(sessionToken);
  const core = createReaderCore({ dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false });
  return {
    core,
    transport: { push: (b) => client.syncPush(jwt, b), pull: (c) => client.syncPull(jwt, c) },
    close: async () => (await core.close(), rmSync(dataDir, { recursive: true, force: true })),
  };
}

test('the handoff prompt after a sync, and sign-out that flushes or lets the student keep what could not go', async ({ reader }) => {
  test.setTimeout(240_000);
  test.skip(env.noKeyring !== null, env.noKeyring ?? '');
  const { page } = reader;
  const email = `sync-${Date.now()}@example.com`;
  await page.getByTestId('toolbar-account').click();
  await signUpThroughWizard(page, { name: 'Lab Student', email, software: 'beginner', hardware: 'none' });
  await expect(page.getByTestId('account-name')).toHaveText('Lab Student', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });

  // LAB-PC-14 reads the third chapter halfway and syncs.
  const lab14 = await otherMachine(email);
  try {
    const toc = await lab14.core.getToc({ bookId: BUNDLED_BOOK_ID });
    const chapter = toc[2]!;
    await lab14.core.saveProgress({ bookId: BUNDLED_BOOK_ID, chapterId: chapter.id, position: 0.5 });
    expect((await runSync(lab14.core.store.db, lab14.transport)).pushed).toEqual({ progress: 1 });

    // Nothing moves by itself; "Sync now" brings the offer, which says where and waits for the student.
    await expect(page.getByTestId('handoff-prompt')).toHaveCount(0);
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
    const prompt = page.getByTestId('handoff-prompt');
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await expect(prompt.getByRole('heading')).toContainText('Continue where you left off on');
    await expect(page.getByTestId('handoff-chapter')).toHaveText(chapter.title);
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('handoff-continue').click();
    await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter-id', chapter.id);

    // Sign-out sends that position first, then leaves nothing of the student here.
    await page.getByTestId('toolbar-account').click();
    await page.getByTestId('account-signout').click();
    await expect(page.getByTestId('signup-form')).toBeVisible({ timeout: 30_000 });
    const pulled = await runSync(lab14.core.store.db, lab14.transport);
    expect(pulled.pulled).toEqual({ progress: 1 });

    // Signed in again with the service down: a change cannot go, and sign-out asks what to do with it.
    await page.getByTestId('account-mode-signin').click();
    await page.getByTestId('signin-email').fill(email);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('account-name')).toHaveText('Lab Student', { timeout: 30_000 });
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    await env.remote.stop();
    try {
      await page.getByTestId('nav-library').click();
      await page.getByTestId('open-book').first().click();
      await expect(page.getByTestId('chapter')).toBeVisible();
      await page.getByTestId('toolbar-account').click();
      await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-pending', '0', { timeout: 30_000 });
      await page.getByTestId('account-signout').click();
      const choice = page.getByTestId('signout-unsent');
      await expect(choice).toBeVisible({ timeout: 30_000 });
      await expect(choice).toContainText('not sent');
      await page.getByTestId('signout-keep').click();
      await expect(page.getByTestId('signup-form')).toBeVisible({ timeout: 30_000 });
    } finally {
      await env.remote.start();
    }
  } finally {
    await lab14.close();
  }
});
