/**
 * The release feed electron-builder records in the app's resources (`app-update.yml`) when a release build publishes
 * to GitHub. A build without it (development, `--dir`, a CI build) has no feed and gets no updater.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';

const GitHubFeedSchema = z.object({ provider: z.literal('github'), owner: z.string().min(1), repo: z.string().min(1) });
export type GitHubFeed = z.infer<typeof GitHubFeedSchema>;

/** null when there is no file; `problem` when there is one that names no GitHub feed (reported, never thrown). */
export function readAppUpdateConfig(resourcesPath: string): { feed: GitHubFeed } | { problem: string } | null {
  let text: string;
  try {
    text = readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
  let data: unknown;
  try {
    data = load(text);
  } catch (err) {
    return { problem: `app-update.yml is not YAML: ${(err as Error).message}` };
  }
  const parsed = GitHubFeedSchema.safeParse(data);
  if (!parsed.success) return { problem: `app-update.yml names no GitHub release feed: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() };
  return { feed: parsed.data };
}
