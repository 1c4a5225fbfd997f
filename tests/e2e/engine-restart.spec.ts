/**
 * The engine runs in its own process; killing it (kill -9) shows the reader a banner, and a new engine answers on
 * the same library. Web host only: there the engine is a child of the serve.ts process, found through /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';
import { openFirstBook, tocEntries } from './support/ui.js';

/** Processes as [pid, parent pid, command line]; the comm field may hold spaces, so the stat line is split after it. */
function processes(): [number, number, string][] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid): [number, number, string][] => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
        return [[Number(pid), ppid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')]];
      } catch {
        return []; // gone meanwhile
      }
    });
}

/** The engine process of the web host serving `dataDir`. */
function enginePid(dataDir: string): number {
  const all = processes();
  const host = all.find(([, , cmd]) => cmd.includes('web-host/serve.ts') && cmd.includes(dataDir));
  const engine = all.find(([, ppid, cmd]) => ppid === host?.[0] && cmd.includes('engine-process'));
  if (!engine) throw new Error(`No engine process found for the web host on ${dataDir}`);
  return engine[0];
}

test('a killed engine is reported on the page and restarted; the library still answers', async ({ reader }) => {
  test.skip(reader.host !== 'web', 'the engine process is found through the web host');
  const { page } = reader;
  // The library has been answered, so the engine is up (one killed while starting is only started again).
  await expect(page.getByTestId('book-card')).toHaveCount(1);
  process.kill(enginePid(reader.dataDir), 'SIGKILL');
  await expect(page.getByTestId('error-banner')).toContainText('stopped and was restarted');
  await openFirstBook(page);
  expect((await tocEntries(page)).length).toBeGreaterThan(0);
});
