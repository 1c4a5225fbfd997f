/** Each lab policy key enforced through the real reader core, with the policy given by READER_POLICY_PATH. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderError } from '../contract.js';
import { loadDesktopConfig } from '../config/desktop-config.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { NOT_REMEMBERED_BY_POLICY } from '../account/vault.js';

const cores: ReaderCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A core whose policy file holds `policy` (an object, or raw text for an invalid file); a one-chapter book beside it. */
function coreWithPolicy(policy: object | string) {
  const base = mkdtempSync(join(tmpdir(), 'reader-policy-core-'));
  dirs.push(base);
  const policyPath = join(base, 'policy.json');
  writeFileSync(policyPath, typeof policy === 'string' ? policy : JSON.stringify(policy));
  const book = join(base, 'book');
  mkdirSync(book);
  writeFileSync(join(book, 'intro.md'), '---\ntitle: Introduction\n---\nRobots sense, think and act.\n');
  const config = loadDesktopConfig({ READER_POLICY_PATH: policyPath, READER_KEYCHAIN_SERVICE: `reader-policy-test-${process.pid}` }, 'linux');
  const core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false, config });
  cores.push(core);
  return { core, policyPath, book };
}

async function refusal(p: Promise<unknown>): Promise<ReaderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReaderError);
  return err as ReaderError;
}

const signIn = { email: 'ada@example.com', password: 'correct horse battery' };

describe('lab policy enforced by the core', () => {
  it('reports the effective policy with each value’s source', async () => {
    const { core, policyPath } = coreWithPolicy({ allowImport: false, updateMode: 'off' });
    const policy = await core.getPolicy({});
    expect(policy.notices).toEqual([]);
    expect(policy.settings.allowImport).toEqual({ value: false, source: 'machine', location: policyPath });
    expect(policy.settings.updateMode).toEqual({ value: 'off', source: 'machine', location: policyPath });
    expect(policy.settings.anonymousAsk).toEqual({ value: true, source: 'default', location: null });
  });

  it('allowImport: false refuses importing a book', async () => {
    const { core, book } = coreWithPolicy({ allowImport: false });
    const err = await refusal(core.importBook({ dir: book }));
    expect(err.code).toBe('invalid_input');
    expect(err.details.kind).toBe('policy');
    expect(err.message).toMatch(/administrator has turned off importing/);
    expect(await core.listBooks({})).toEqual([]);
  });

  it('an invalid policy file is reported and ignored whole: importing still works', async () => {
    const { core, book, policyPath } = coreWithPolicy('{"allowImport": false, "updateMode": "never"}');
    const policy = await core.getPolicy({});
    expect(policy.notices).toEqual([{ location: policyPath, message: expect.stringMatching(/ignored: updateMode: must be one of/) as string }]);
    expect(policy.settings.allowImport).toEqual({ value: true, source: 'default', location: null });
    expect((await core.importBook({ dir: book })).chapterCount).toBe(1);
  });

  it('serviceUrl locks the service address: shown on the account, another address refused', async () => {
    const { core } = coreWithPolicy({ serviceUrl: 'https://reader.lab.example.edu/', rememberSession: false });
    expect((await core.getAccount({})).remoteUrl).toBe('https://reader.lab.example.edu');
    const err = await refusal(core.signIn({ ...signIn, remoteUrl: 'https://elsewhere.example.com' }));
    expect(err.code).toBe('invalid_input');
    expect(err.details).toMatchObject({ field: 'remoteUrl', kind: 'policy' });
  });

  it('rememberSession: false keeps the session in memory only, and says so', async () => {
    const { core } = coreWithPolicy({ rememberSession: false });
    expect((await core.getAccount({})).keychain).toEqual({ persistent: false, notice: NOT_REMEMBERED_BY_POLICY });
  });

  it('requireKeychain refuses signing in without a persistent keychain, before contacting the service', async () => {
    // rememberSession: false guarantees no keychain here, whatever this machine has.
    const { core } = coreWithPolicy({ requireKeychain: true, rememberSession: false, serviceUrl: 'http://127.0.0.1:9' });
    const err = await refusal(core.signIn(signIn));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/administrator requires the OS keychain/);
    const signUp = await refusal(
      core.signUp({ ...signIn, name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'none' }),
    );
    expect(signUp.message).toMatch(/administrator requires the OS keychain/);
  });

  it('anonymousAsk: false stops online answers for signed-out readers', async () => {
    const { core } = coreWithPolicy({ anonymousAsk: false, rememberSession: false, serviceUrl: 'http://127.0.0.1:9' });
    const err = await refusal(
      core.askOnline({ jobId: 'policy-ask-1', question: 'What is a robot?', passages: [{ id: 'p1', title: 'Intro', text: 'Robots sense, think and act.' }] }),
    );
    expect(err.code).toBe('unauthorized');
    expect(err.details.kind).toBe('policy');
  });
});
