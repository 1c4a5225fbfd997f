/**
 * Reads electron-updater's generic-provider feed (`latest.yml`, `latest-linux.yml`, `latest-mac.yml`) and says
 * whether it offers a newer version than this one. electron-updater reads the same file in the app; this reader
 * lets the decision logic be checked against a real feed where Electron cannot run.
 */
import { load } from 'js-yaml';
import { z } from 'zod';
import type { FeedState } from './update-decision.js';

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

const FeedSchema = z.object({
  version: z.string().regex(VERSION, 'must be a version like 1.2.3'),
  releaseDate: z.string().optional(),
  // electron-builder writes text; with release notes from several versions, a list of them.
  releaseNotes: z.union([z.string(), z.array(z.object({ version: z.string(), note: z.string().nullable() }))]).nullable().optional(),
  files: z.array(z.object({ url: z.string().min(1), sha512: z.string().min(1) })).min(1),
});

/** Which feed file electron-builder publishes for each platform. */
export function feedFileFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'win32') return 'latest.yml';
  return 'latest-linux.yml';
}

/** Compares versions like 1.2.3 and 1.2.3-beta.1 (a pre-release comes before its release); throws on anything else. */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION.exec(a);
  const pb = VERSION.exec(b);
  if (!pa || !pb) throw new Error(`Not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA.localeCompare(preB, 'en', { numeric: true });
}

export async function readReleaseFeed(options: { baseUrl: string; platform: NodeJS.Platform; currentVersion: string; timeoutMs?: number }): Promise<FeedState> {
  const url = new URL(feedFileFor(options.platform), options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), redirect: 'follow' });
    if (!res.ok) return { kind: 'unreachable', message: `${url.href} answered ${res.status}` };
    text = await res.text();
  } catch (err) {
    return { kind: 'unreachable', message: `${url.href}: ${(err as Error).message}` };
  }
  let parsed: z.infer<typeof FeedSchema>;
  try {
    const result = FeedSchema.safeParse(load(text));
    if (!result.success) return { kind: 'unreachable', message: `${url.href} is not a release feed: ${result.error.issues[0]?.message ?? 'invalid'}` };
    parsed = result.data;
  } catch (err) {
    return { kind: 'unreachable', message: `${url.href} is not YAML: ${(err as Error).message}` };
  }
  if (compareVersions(parsed.version, options.currentVersion) <= 0) return { kind: 'current', version: options.currentVersion };
  const notes = parsed.releaseNotes;
  const releaseNotes = notes === undefined || notes === null ? null : typeof notes === 'string' ? notes : notes.map((n) => `${n.version}: ${n.note ?? ''}`).join('\n\n');
  return { kind: 'available', version: parsed.version, releaseNotes, releaseDate: parsed.releaseDate ?? null };
}
