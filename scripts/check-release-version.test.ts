import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../electron/core/paths.js';
import { releaseTagProblem } from './check-release-version.js';

const root = projectRoot();
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('release tag against package.json', () => {
  it('accepts exactly v + the version, pre-releases included', () => {
    expect(releaseTagProblem('v1.2.3', '1.2.3')).toBeNull();
    expect(releaseTagProblem('v2.0.0-beta.1', '2.0.0-beta.1')).toBeNull();
  });
  it('refuses a mismatch, a malformed tag and no tag, saying what was expected', () => {
    expect(releaseTagProblem('v1.2.4', '1.2.3')).toMatch(/does not match package.json version 1.2.3 \(expected v1.2.3\)/);
    expect(releaseTagProblem('1.2.3', '1.2.3')).toMatch(/is not v<major>/);
    expect(releaseTagProblem('v1.2', '1.2')).toMatch(/is not v<major>/);
    expect(releaseTagProblem(undefined, '1.2.3')).toMatch(/no tag given/);
  });
  it('as the workflow runs it: exit 0 for this package.json’s tag, 1 otherwise', () => {
    const run = (tag: string) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/check-release-version.ts'), tag], { cwd: root, encoding: 'utf8' });
    expect(run(`v${version}`).status).toBe(0);
    const wrong = run('v999.0.0');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`expected v${version}`);
  });
});
