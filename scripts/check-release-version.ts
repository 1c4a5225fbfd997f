/**
 * The release workflow's first step: the pushed tag must be `v` + package.json's version, so installers, the
 * release name and the app's own idea of its version agree. Imports nothing of ours, so the workflow runs it
 * before installing anything, with Node's own TypeScript support:
 *   node --experimental-strip-types scripts/check-release-version.ts "$GITHUB_REF_NAME"
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Why `tag` cannot release `version`, or null when it can. */
export function releaseTagProblem(tag: string | undefined, version: string): string | null {
  if (!tag) return 'no tag given (expected the pushed tag, e.g. v1.2.3)';
  if (!/^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(tag)) return `tag ${tag} is not v<major>.<minor>.<patch>[-prerelease]`;
  if (tag !== `v${version}`) return `tag ${tag} does not match package.json version ${version} (expected v${version})`;
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const problem = releaseTagProblem(process.argv[2], version);
  if (problem) {
    console.error(`release version check failed: ${problem}`);
    process.exit(1);
  }
  console.log(`release version check: ${process.argv[2]} matches package.json`);
}
