/**
 * The electron-builder command line `npm run dist` runs, worked out from its own arguments and the environment.
 * Publishing is off unless asked for: a local build, a `--dir` build or a CI build never needs a GitHub repository
 * or token. Only the release workflow passes `--publish always`; the GitHub settings (into a draft release, which
 * the workflow publishes once every platform has uploaded) are added here then and only then.
 */
import { z } from 'zod';

export interface DistOptions {
  /** electron-builder.test.yml: the same app with the --inspect fuse on, for Playwright (course staff, CI). */
  testBuild: boolean;
  publish: 'never' | 'always';
  /** Passed through to electron-builder as given (targets such as `--linux deb`, `--dir`, `-c.*` overrides). */
  builderArgs: string[];
}

const RepositorySchema = z
  .string({ error: 'GITHUB_REPOSITORY must be set (owner/name) to publish' })
  .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'GITHUB_REPOSITORY must look like owner/name');

/** Reads `[--test-build] [--publish never|always] [electron-builder args...]`; throws on a bad --publish value. */
export function parseDistArgs(argv: string[]): DistOptions {
  const options: DistOptions = { testBuild: false, publish: 'never', builderArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--test-build') options.testBuild = true;
    else if (arg === '--publish' || arg.startsWith('--publish=')) {
      const value = arg === '--publish' ? argv[++i] : arg.slice('--publish='.length);
      if (value !== 'never' && value !== 'always') throw new Error(`--publish must be never or always, got ${JSON.stringify(value)}`);
      options.publish = value;
    } else options.builderArgs.push(arg);
  }
  return options;
}

/** electron-builder's arguments (after its cli.js) for these options. */
export function electronBuilderArgs(options: DistOptions, env: Record<string, string | undefined>): string[] {
  const args = ['--config', options.testBuild ? 'electron-builder.test.yml' : 'electron-builder.yml', '--publish', options.publish];
  if (options.publish === 'always') {
    const repository = RepositorySchema.safeParse(env.GITHUB_REPOSITORY);
    if (!repository.success) throw new Error(repository.error.issues.map((i) => i.message).join('; '));
    const [owner, repo] = repository.data.split('/');
    if (!env.GH_TOKEN) throw new Error('GH_TOKEN must be set to publish');
    args.push('-c.publish.provider=github', `-c.publish.owner=${owner}`, `-c.publish.repo=${repo}`, '-c.publish.releaseType=draft');
  }
  return [...args, ...options.builderArgs];
}
