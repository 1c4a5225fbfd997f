/**
 * `npm run web` and the start script's fallback: the reader in any browser. Serves the already-built renderer
 * (out/renderer; run `npm run build` first) and prints the address to open, as its first line:
 *   Reader running at http://127.0.0.1:PORT/#launch=TOKEN
 * The address works once: the page that opens it is the only one connected until the next launch.
 * Options: --data DIR (default: the configured data dir, see config/desktop-config.ts), --port N (default 0: any free port),
 * --open LINK (a `physical-ai-reader://open?...` link, e.g. from exported notes: the printed address opens the
 * reader there; it rides in the query, `?open=`, since the launch token owns the #fragment).
 * The engine runs in a child process (as in the desktop app's utilityProcess), so the page is served at once and
 * stays answered while the engine imports.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { bundledBookDir, rendererDir, resolveDataDir } from '../paths.js';
import { desktopConfig } from '../config/desktop-config.js';
import { forkEngine } from '../engine/fork-engine.js';
import { startRemoteCore } from '../engine/remote-core.js';
import { startWebHost } from './server.js';
import { startLogging } from '../logging/program-log.js';
import { preparePrivateDataDir } from '../private-data-dir.js';
import { parseDeepLink } from '../hosting/deep-link.js';

const Args = z.object({
  data: z.string().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).default(0),
  open: z
    .string()
    .refine((link) => parseDeepLink(link) !== null, 'not a physical-ai-reader://open?book=... link')
    .optional(),
});

/** The printed address, carrying the link to open (if any) in its query. */
function addressWith(url: string, link: string | undefined): string {
  if (!link) return url;
  const address = new URL(url);
  address.searchParams.set('open', link);
  return address.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' }, open: { type: 'string' } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(2);
  }
  const args = parsed.data;
  const config = desktopConfig();
  const dataDir = resolveDataDir(args.data, config);
  preparePrivateDataDir(dataDir);
  startLogging({ program: 'web', dataDir, config, development: true });
  const staticDir = rendererDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`No built renderer in ${staticDir}. Run \`npm run build\` first.`);
    process.exit(1);
  }
  const core = startRemoteCore(forkEngine, { dataDir, bundledBookDir: bundledBookDir(), logToStderr: config.log.stderr ?? true });
  core.ready.catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
  const host = await startWebHost({ core, staticDir, port: args.port });
  console.log(`Reader running at ${addressWith(host.url, args.open)}`);
  console.log(`Data: ${dataDir}. Press Ctrl+C to stop.`);

  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
