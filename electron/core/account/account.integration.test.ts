/**
 * The account end to end through the reader core (the same object both hosts serve): the real remote service
 * with its embedded Postgres, a fake Groq on loopback, and a real Secret Service (scripts/with-keyring.sh).
 * Sign up -> personalize streams and is saved -> the service goes away -> identity and the personalized chapter
 * still there after a restart -> online answers -> sign-out removes the keychain entry and the saved chapters.
 * Along the way nothing in the data dir, the service's logs or the reader's logs holds a token.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../../tests/fixtures/fake-groq.js';
import { keyringMissing, keytar, uniqueServiceName } from '../../../tests/fixtures/keyring.js';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import type { JobEvent } from '../contract.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { loadDesktopConfig } from '../config/desktop-config.js';

const run = promisify(execFile);
const noKeyring = await keyringMissing('account through the reader core');

const PERSONALIZED = [
  '# Sensors for a beginner',
  '',
  'Think of an IMU as the robot\'s inner ear. <script>alert("x")</script>',
  '',
  '<img src="x" onerror="alert(1)">',
  '',
  '```python',
  'print("tilt")',
  '```',
].join('\n');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe.skipIf(noKeyring !== null)('account through the reader core', () => {
  let groq: FakeGroq;
  let remote: TestRemote;
  let core: ReaderCore;
  let bookId: string;
  const chapterId = () => core.getToc({ bookId }).then((toc) => toc[0]!.id);
  const service = uniqueServiceName();
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-account-int-'));
  const bookDir = mkdtempSync(join(tmpdir(), 'reader-account-book-'));
  const events: JobEvent[] = [];
  const logged: string[] = [];
  const env = () => ({ ...process.env, READER_REMOTE_URL: remote.url, READER_KEYCHAIN_SERVICE: service });
  const openCore = () => {
    core = createReaderCore({ dataDir, indexOnImport: false, config: loadDesktopConfig(env()) });
    core.on('jobEvent', (e) => events.push(e));
    return core;
  };
  const email = `int-${Date.now()}@example.com`;

  beforeAll(async () => {
    for (const method of ['log', 'error', 'warn', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    mkdirSync(join(bookDir, 'sensing'));
    writeFileSync(
      join(bookDir, 'sensing', 'imu.md'),
      '# Inertial sensors\n\nAn IMU measures angular rate and acceleration.\n\n```python\nprint("imu")\n```\n',
    );
    groq = await startFakeGroq({ chunkChars: 12, tokenDelayMs: 5, text: PERSONALIZED });
    remote = await startTestRemote({ AUTH_RATE_MAX: '100', GROQ_API_KEY: 'test-key', GROQ_BASE_URL: groq.url });
    openCore();
    bookId = (await core.importBook({ dir: bookDir })).bookId;
  });

  afterAll(async () => {
    await core?.close();
    await remote?.destroy();
    await groq?.close();
    await keytar.deletePassword(service, 'session').catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bookDir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  async function job(jobId: string): Promise<JobEvent[]> {
    await vi.waitFor(() => expect(events.some((e) => e.jobId === jobId && e.type !== 'text')).toBe(true), {
      timeout: 20_000,
      interval: 20,
    });
    return events.filter((e) => e.jobId === jobId);
  }

  it('starts signed out, with the keychain available', async () => {
    expect(await core.getAccount({})).toMatchObject({ signedIn: false, keychain: { persistent: true, notice: null } });
  });

  it('signs up and shows the profile, never a token', async () => {
    const result = await core.signUp({
      email,
      password: 'a long enough password',
      name: 'Grace',
      softwareBackground: 'beginner',
      hardwareBackground: 'hobbyist',
    });
    expect(result).toMatchObject({ signedIn: true, verified: 'online', profile: { email, softwareBackground: 'beginner' } });
    const secrets = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}');
    expect(JSON.stringify(result)).not.toContain(secrets.sessionToken.split('.')[0]);
    expect(JSON.stringify(await core.getAccount({}))).not.toContain(secrets.jwt.split('.')[1]);
  });

  it('throws a field-level rejection on the email field: signing up twice with the same email', async () => {
    const again = core.signUp({
      email,
      password: 'a long enough password',
      name: 'Grace',
      softwareBackground: 'beginner',
      hardwareBackground: 'hobbyist',
    });
    await expect(again).rejects.toMatchObject({ code: 'invalid_input', details: { kind: 'rejected', field: 'email' } });
  });

  it('streams a personalized chapter in pieces, then saves it sanitized for offline reading', async () => {
    const id = await chapterId();
    expect((await core.getPersonalized({ bookId, chapterId: id })).personalized).toBeNull();
    const started = await core.personalizeChapter({ jobId: 'personalize-1', bookId, chapterId: id });
    expect(started).toEqual({ jobId: 'personalize-1' });
    const got = await job('personalize-1');
    const texts = got.filter((e) => e.type === 'text');
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe(PERSONALIZED);
    expect(got.at(-1)).toMatchObject({ type: 'done', complete: true });
    // The service got the chapter's own Markdown, front matter off, code block intact.
    expect(JSON.stringify(groq.requests.at(-1))).toContain('print(\\"imu\\")');
    const saved = (await core.getPersonalized({ bookId, chapterId: id })).personalized;
    expect(saved).toMatchObject({ softwareBackground: 'beginner', hardwareBackground: 'hobbyist' });
    expect(saved!.html).toContain('Sensors for a beginner');
    expect(saved!.html).toContain('print');
    expect(saved!.html).not.toMatch(/<script|onerror/i);
  });

  it('keeps identity and the personalized chapter after a restart with the service down; generation says offline', async () => {
    const id = await chapterId();
    await core.close();
    await remote.stop();
    try {
      openCore();
      const account = await core.getAccount({});
      expect(account).toMatchObject({ signedIn: true, verified: 'cache', profile: { email, name: 'Grace' } });
      expect(account.offlineReason).toMatch(/Cannot reach/);
      const saved = (await core.getPersonalized({ bookId, chapterId: id })).personalized;
      expect(saved?.html).toContain('Sensors for a beginner');
      await core.personalizeChapter({ jobId: 'personalize-offline', bookId, chapterId: id });
      expect((await job('personalize-offline')).at(-1)).toMatchObject({ type: 'error', error: { code: 'offline' } });
      await core.askOnline({ jobId: 'ask-offline-1', question: 'What is an IMU?', passages: [{ id: 'p1', title: 'IMU', text: 'An IMU measures rates.' }] });
      expect((await job('ask-offline-1')).at(-1)).toMatchObject({ type: 'error', error: { code: 'offline' } });
    } finally {
      await remote.start();
    }
  });

  it('streams an online answer with citations once the service is back', async () => {
    groq.set({ text: 'An IMU measures angular rate and acceleration [1].' });
    await core.askOnline({
      jobId: 'ask-online-1',
      question: 'What does an IMU measure?',
      passages: [
        { id: 'imu#p1', title: 'Inertial sensors', text: 'An IMU measures angular rate and acceleration.' },
        { id: 'imu#p2', title: 'Inertial sensors', text: 'Code example.' },
      ],
    });
    const got = await job('ask-online-1');
    expect(got.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : '')).join('')).toContain('[1]');
    expect(got.at(-1)).toEqual({ jobId: 'ask-online-1', type: 'done', complete: true, citations: [{ n: 1, id: 'imu#p1' }] });
    // The answer was personalized: the service saw a signed-in hobbyist (its prompt pitches examples to that kit).
    expect(JSON.stringify(groq.requests.at(-1))).toMatch(/hobby/i);
  });

  it('passes on a Groq rate limit as rate_limited with its wait, and a Groq failure as bad_gateway', async () => {
    const passages = [{ id: 'imu#p1', title: 'Inertial sensors', text: 'An IMU measures angular rate.' }];
    groq.set({ status: 429, retryAfter: '7' });
    try {
      await core.askOnline({ jobId: 'ask-limited-1', question: 'What is an IMU?', passages });
      expect((await job('ask-limited-1')).at(-1)).toMatchObject({
        type: 'error',
        error: { code: 'rate_limited', details: { retryAfterSeconds: 7 } },
      });
      groq.set({ status: 500, retryAfter: undefined });
      await core.askOnline({ jobId: 'ask-failed-1', question: 'What is an IMU?', passages });
      expect((await job('ask-failed-1')).at(-1)).toMatchObject({ type: 'error', error: { code: 'unavailable', details: { kind: 'bad_gateway' } } });
    } finally {
      groq.set({ status: undefined });
    }
  });

  it('never writes the session token or JWT to the data dir or any log', async () => {
    await core.getAccount({}); // online again: refreshes caches, may mint
    const secrets = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}');
    const needles = [secrets.sessionToken, secrets.sessionToken.split('.')[0], secrets.jwt, secrets.jwt.split('.')[2]];
    for (const file of allFiles(dataDir)) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds a secret`).toBe(false);
    }
    const logs = [...remote.logs, ...logged].join('\n');
    for (const needle of needles) expect(logs.includes(needle)).toBe(false);
  });

  it('signs out: keychain entry gone, personalized chapters gone, profile gone', async () => {
    const id = await chapterId();
    expect(await core.signOut({})).toEqual({ ok: true, remoteSignedOut: true });
    expect(await keytar.getPassword(service, 'session')).toBeNull();
    expect((await core.getPersonalized({ bookId, chapterId: id })).personalized).toBeNull();
    expect(await core.getAccount({})).toMatchObject({ signedIn: false, profile: null });
    const account = readFileSync(join(dataDir, 'account.sqlite'));
    expect(account.includes('Sensors for a beginner')).toBe(false);
    await expect(core.personalizeChapter({ jobId: 'after-signout', bookId, chapterId: id })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('signs in to the service address the reader chose, and back to the configured one', async () => {
    // Nothing listens on port 9 here: the chosen address is really the one used.
    const elsewhere = core.signIn({ email, password: 'a long enough password', remoteUrl: 'http://127.0.0.1:9' });
    await expect(elsewhere).rejects.toMatchObject({ code: 'offline', details: { kind: 'offline' } });
    const back = await core.signIn({ email, password: 'a long enough password', remoteUrl: remote.url });
    expect(back).toMatchObject({ verified: 'online', remoteUrl: remote.url });
    await core.signOut({});
  });

  it('without a Secret Service, signing up still works for the run and says it will not be remembered', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/fixtures/account-no-keyring-child.ts'], {
      env: { ...env(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/reader-test-bus' },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(result.signUp).toMatchObject({ signedIn: true });
    expect(result.account).toMatchObject({ signedIn: true, verified: 'online', keychain: { persistent: false } });
    expect(result.account.keychain.notice).toMatch(/keychain.*until the app closes/i);
  });
});
