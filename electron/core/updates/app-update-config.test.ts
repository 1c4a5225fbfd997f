import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAppUpdateConfig } from './app-update-config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reader-app-update-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the app's release feed (app-update.yml)", () => {
  it('is absent from a build that publishes nowhere', () => {
    expect(readAppUpdateConfig(dir)).toBeNull();
  });

  it('names the GitHub owner and repository a release build recorded', () => {
    writeFileSync(join(dir, 'app-update.yml'), 'owner: lab-org\nrepo: physical-ai-reader\nprovider: github\nreleaseType: draft\nupdaterCacheDirName: physical-ai-reader-updater\n');
    expect(readAppUpdateConfig(dir)).toEqual({ feed: { provider: 'github', owner: 'lab-org', repo: 'physical-ai-reader' } });
  });

  it('reports a file that names another provider or is not YAML', () => {
    writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://example.org/feed\n');
    expect(readAppUpdateConfig(dir)).toEqual({ problem: expect.stringContaining('provider') });
    writeFileSync(join(dir, 'app-update.yml'), 'owner: [unclosed\n');
    expect(readAppUpdateConfig(dir)).toEqual({ problem: expect.stringContaining('not YAML') });
  });
});
