/**
 * Host-agnostic fixture: specs get `reader.page` showing the app on a fresh temp data dir, whichever host the
 * project uses, and `reader.restart()` to stop and start the app again on the same data dir.
 *   web       serve.ts as a child process + Debian Chromium (one browser per worker, a new context per test)
 *   electron  _electron.launch of out/main/index.js with READER_DATA_DIR
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { electronBinary, launchElectron } from './electron-app.js';
import { startWebHostProcess } from './web-host-process.js';

export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

export interface ReaderSession {
  page: Page;
  dataDir: string;
  host: 'web' | 'electron';
  /** Web host only: the one-time address the host printed (already used by `page`). */
  launchUrl: string | undefined;
  /**
   * Stops the app and starts it again on the same data dir; `page` then shows the new app. With `open`, the app is
   * started with that `physical-ai-reader://` link, as the OS starts it for a clicked link (web host: `--open`).
   */
  restart(options?: { open?: string }): Promise<Page>;
}

interface RunningApp {
  page: Page;
  launchUrl?: string;
  stop(): Promise<void>;
}

let reportedSkip = false;

export const test = base.extend<{ reader: ReaderSession }, { lazyBrowser: () => Promise<Browser> }>({
  lazyBrowser: [
    async ({ playwright }, use) => {
      let browser: Promise<Browser> | undefined;
      await use(() => (browser ??= playwright.chromium.launch(CHROMIUM_LAUNCH)));
      if (browser) await (await browser).close();
    },
    { scope: 'worker' },
  ],

  reader: async ({ lazyBrowser }, use, testInfo) => {
    const host = testInfo.project.metadata.host === 'electron' ? 'electron' : 'web';
    const logs: string[] = [];
    let start: (dataDir: string, link?: string) => Promise<RunningApp>;

    if (host === 'electron') {
      const binary = electronBinary();
      if ('missing' in binary) {
        const reason = `Electron binary not installed: ${binary.missing}`;
        if (!reportedSkip) console.log(`[e2e] electron project skipped. ${reason}`);
        reportedSkip = true;
        testInfo.skip(true, reason);
        return;
      }
      start = async (dataDir, link) => {
        const app = await launchElectron(binary.path, dataDir, link ? [link] : []);
        app.process().stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
        app.process().stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
        const page = await app.firstWindow();
        await page.setViewportSize({ width: 1280, height: 800 }).catch(() => undefined);
        return { page, stop: () => app.close() };
      };
    } else {
      const browser = await lazyBrowser();
      start = async (dataDir, link) => {
        const server = await startWebHostProcess(dataDir, (line) => logs.push(line), link ? ['--open', link] : []);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
        const page = await context.newPage();
        await page.goto(server.url);
        return {
          page,
          launchUrl: server.url,
          async stop() {
            await context.close();
            await server.stop();
          },
        };
      };
    }

    // Ready means the library has rendered from the engine's answer (slow on a busy machine: first start imports
    // the bundled book).
    // Started with a link, the app opens at the link's chapter instead of the library.
    const ready = async (running: RunningApp, atLibrary = true) => {
      if (!atLibrary) {
        await running.page.getByTestId('chapter').waitFor({ timeout: 45_000 });
        return running;
      }
      await running.page.getByTestId('library').waitFor({ timeout: 45_000 });
      // The page is served before the engine process has answered; ready is when the book list has arrived.
      await running.page.getByTestId('library').locator('[aria-busy="true"]').waitFor({ state: 'detached', timeout: 45_000 });
      return running;
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'reader-e2e-'));
    let app = await ready(await start(dataDir));
    const session: ReaderSession = {
      host,
      dataDir,
      get page() {
        return app.page;
      },
      get launchUrl() {
        return app.launchUrl;
      },
      async restart(options = {}) {
        await app.stop();
        app = await ready(await start(dataDir, options.open), !options.open);
        return app.page;
      },
    };
    try {
      await use(session);
    } finally {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host-log.txt', { body: logs.join('\n'), contentType: 'text/plain' });
      }
    }
  },
});

export { expect };
