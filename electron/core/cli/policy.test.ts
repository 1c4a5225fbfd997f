/** `reader policy` as an admin runs it to try a policy file before rolling it out: a real CLI process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'reader-cli-policy-'));

function readerPolicy(policy: string, args: string[] = []) {
  const path = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, policy);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', 'policy', ...args], {
    encoding: 'utf8',
    env: { ...process.env, READER_POLICY_PATH: path, READER_DATA_DIR: join(dir, 'data') },
    timeout: 60_000,
  });
  return { path, code: r.status, out: r.stdout, err: r.stderr };
}

describe('reader policy', { timeout: 120_000 }, () => {
  it('prints the effective policy as JSON with where each value came from', () => {
    const r = readerPolicy(JSON.stringify({ updateMode: 'off', allowImport: false, contentDir: '/srv/lab-books' }), ['--json']);
    expect(r.code).toBe(0);
    const policy = JSON.parse(r.out) as { settings: Record<string, { value: unknown; source: string; location: string | null }>; notices: unknown[] };
    expect(policy.notices).toEqual([]);
    expect(policy.settings.updateMode).toEqual({ value: 'off', source: 'machine', location: r.path });
    expect(policy.settings.contentDir).toEqual({ value: '/srv/lab-books', source: 'machine', location: r.path });
    expect(policy.settings.allowImport).toEqual({ value: false, source: 'machine', location: r.path });
    expect(policy.settings.rememberSession).toEqual({ value: true, source: 'default', location: null });
    expect(Object.keys(policy.settings).sort()).toEqual(
      ['allowImport', 'anonymousAsk', 'contentDir', 'rememberSession', 'requireKeychain', 'serviceUrl', 'telemetry', 'updateMode'],
    );
  });

  it('says which file was ignored and why, and exits 1, so a typo is caught before roll-out', () => {
    const r = readerPolicy('{"updateMode": "off", "allowImprt": false}');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^updateMode\t\(not set\)\t\(default\)$/m);
    expect(r.err).toContain(`The policy at ${r.path} was ignored: unknown key allowImprt.`);
  });
});
