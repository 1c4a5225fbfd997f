import { describe, expect, it } from 'vitest';
import { electronBuilderArgs, parseDistArgs } from './dist-args.js';

describe('npm run dist arguments', () => {
  it('builds the release config and never publishes by default, whatever the environment', () => {
    const options = parseDistArgs(['--linux', 'deb']);
    expect(options).toEqual({ testBuild: false, publish: 'never', builderArgs: ['--linux', 'deb'] });
    const args = electronBuilderArgs(options, { GITHUB_REPOSITORY: 'lab/reader', GH_TOKEN: 't', CI: 'true' });
    expect(args).toEqual(['--config', 'electron-builder.yml', '--publish', 'never', '--linux', 'deb']);
  });

  it('builds the test build from its own config', () => {
    expect(electronBuilderArgs(parseDistArgs(['--test-build', '--dir']), {})).toEqual(['--config', 'electron-builder.test.yml', '--publish', 'never', '--dir']);
  });

  it('publishes into a draft release of this repository only when asked', () => {
    const args = electronBuilderArgs(parseDistArgs(['--publish', 'always', '--mac', '--arm64']), { GITHUB_REPOSITORY: 'lab-org/physical-ai-reader', GH_TOKEN: 't' });
    expect(args).toEqual([
      '--config', 'electron-builder.yml', '--publish', 'always',
      '-c.publish.provider=github', '-c.publish.owner=lab-org', '-c.publish.repo=physical-ai-reader', '-c.publish.releaseType=draft',
      '--mac', '--arm64',
    ]);
    expect(parseDistArgs(['--publish=always']).publish).toBe('always');
  });

  it('refuses to publish without a repository or a token, and a bad --publish value, saying why', () => {
    const always = parseDistArgs(['--publish', 'always']);
    expect(() => electronBuilderArgs(always, { GH_TOKEN: 't' })).toThrow(/GITHUB_REPOSITORY must be set/);
    expect(() => electronBuilderArgs(always, { GITHUB_REPOSITORY: 'no-slash', GH_TOKEN: 't' })).toThrow(/owner\/name/);
    expect(() => electronBuilderArgs(always, { GITHUB_REPOSITORY: 'a/b' })).toThrow(/GH_TOKEN must be set/);
    expect(() => parseDistArgs(['--publish', 'onTag'])).toThrow(/--publish must be never or always, got "onTag"/);
    expect(() => parseDistArgs(['--publish'])).toThrow(/got undefined/);
  });
});
