/**
 * The reader fixture: specs (ours, and course staff's own) get `reader.page` showing the app, ready, on a fresh
 * temp data dir, whichever host the Playwright project uses:
 *   web       serve.ts as a child process + Debian Chromium (one browser per worker, a new context per test)
 *   electron  _electron.launch of the development build (out/main/index.js) with the Electron binary
 *   packaged  _electron.launch of a packaged test build named by READER_E2E_APP (see electron-app.ts)
 * Ready means the library has rendered the engine's book list. By default the app is pointed at a service address
 * where nothing listens and at a keychain entry of its own, so a test never reaches a real service or touches a
 * real session; `test.use({ readerEnv: { READER_REMOTE_URL: ... } })` points it at a fake service instead
 * (tests/fixtures/remote-service.ts starts the real one on loopback). `reader.restart()` stops and starts the app
 * on the same data dir. The stable test ids are in test-ids.ts. README: "Testing the app with Playwright".
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { electronTarget, launchElectron } from './electron-app.js';
import { TEST_IDS } from './test-ids.js';
import { startWebHostProcess } from './web-host-process.js';

/**
 * The system browser the web project drives: READER_E2E_CHROMIUM, else Debian's Chromium, else Google Chrome
 * (Ubuntu ships Chromium only as a snap; GitHub's Ubuntu runners have Chrome).
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  if (env.READER_E2E_CHROMIUM) return env.READER_E2E_CHROMIUM;
  return ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
}

export const CHROMIUM_LAUNCH = {
  executablePath: chromiumExecutable(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

/** A loopback port nothing listens on (the discard service): "the service is unreachable", at once. */
export const UNREACHABLE_SERVICE_URL = 'http://127.0.0.1:9';

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

/** The app's environment unless the process or `readerEnv` says otherwise. */
function defaultEnv(): Record<string, string> {
  const defaults: Record<string, string> = {};
  if (!process.env.READER_REMOTE_URL) defaults.READER_REMOTE_URL = UNREACHABLE_SERVICE_URL;
  if (!process.env.READER_KEYCHAIN_SERVICE) defaults.READER_KEYCHAIN_SERVICE = `reader-e2e-${randomUUID()}`;
  return defaults;
}

const reportedSkips = new Set<string>();

export const test = base.extend<{ reader: ReaderSession; readerEnv: Record<string, string> }, { lazyBrowser: () => Promise<Browser> }>({
  lazyBrowser: [
    async ({ playwright }, use) => {
      let browser: Promise<Browser> | undefined;
      await use(() => (browser ??= playwright.chromium.launch(CHROMIUM_LAUNCH)));
      if (browser) await (await browser).close();
    },
    { scope: 'worker' },
  ],

  readerEnv: [{}, { option: true }],

  reader: async ({ lazyBrowser, readerEnv }, use, testInfo) => {
    const host = testInfo.project.metadata.host === 'electron' ? 'electron' : 'web';
    const env = { ...defaultEnv(), ...readerEnv };
    const logs: string[] = [];
    let start: (dataDir: string, link?: string) => Promise<RunningApp>;

    if (host === 'electron') {
      const target = electronTarget(testInfo.project.metadata.packaged === true);
      if ('skip' in target) {
        // CI names the projects that must run (READER_E2E_REQUIRE=electron), so a missing binary, display or build
        // fails instead of passing as skipped.
        if ((process.env.READER_E2E_REQUIRE ?? '').split(',').includes(testInfo.project.name)) {
          throw new Error(`the ${testInfo.project.name} project must run here (READER_E2E_REQUIRE) but cannot: ${target.skip}`);
        }
        if (!reportedSkips.has(testInfo.project.name)) console.log(`[e2e] ${testInfo.project.name} project skipped. ${target.skip}`);
        reportedSkips.add(testInfo.project.name);
        testInfo.skip(true, target.skip);
        return;
      }
      start = async (dataDir, link) => {
        const app = await launchElectron(target, dataDir, env, link ? [link] : []);
        app.process().stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
        app.process().stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
        const page = await app.firstWindow();
        await page.setViewportSize({ width: 1280, height: 800 }).catch(() => undefined);
        return { page, stop: () => app.close() };
      };
    } else {
      const browser = await lazyBrowser();
      start = async (dataDir, link) => {
        const server = await startWebHostProcess(dataDir, (line) => logs.push(line), env, link ? ['--open', link] : []);
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
      const library = running.page.getByTestId(TEST_IDS.library);
      await library.waitFor({ timeout: 45_000 });
      // The page is served before the engine process has answered; ready is when the book list has arrived.
      await library.locator('[aria-busy="true"]').waitFor({ state: 'detached', timeout: 45_000 });
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

export { expect, TEST_IDS };
