import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapterHash, sharedKeyOf } from '../src/personalization-cache.js';
import { PERSONALIZE_PROMPT_VERSION } from '../src/prompts.js';
import {
  chapter,
  deltaText,
  mintJwt,
  newAccount,
  readSse,
  signUp,
  startRemoteProcess,
  startTestRemote,
  tempDir,
  TEST_SECRET,
  type SseEvent,
  type TestRemote,
} from './harness.js';

/**
 * Single flight of shared personalizations on one PostgreSQL behind two instances: readers asking for the same
 * chapter at once, split between the instances, cost one Groq call; a failed or vanished leader leaves nothing stuck.
 */
let db: TempPostgres;
let groq: FakeGroq;
let a: TestRemote;
let b: TestRemote;
let admin: pg.Client;
const ISSUER = 'https://reader-remote.single-flight.test';
const MODEL = 'llama-3.3-70b-versatile';
const IDLE_LIMIT_MS = 4000;
const REWRITE = 'A shared rewrite, sentence after sentence. '.repeat(40);

beforeAll(async () => {
  [db, groq] = await Promise.all([startTempPostgres(), startFakeGroq()]);
  // Groq's first token comes 1.5 s after its headers here, so the idle limit must be well above that or the two race.
  const env = { DATABASE_URL: db.url, GROQ_BASE_URL: groq.url, JWT_ISSUER: ISSUER, GROQ_TIMEOUT_MS: String(IDLE_LIMIT_MS) };
  // Both migrate at once, as two instances started together would: the advisory lock makes them take turns.
  [a, b] = await Promise.all([startTestRemote(env), startTestRemote(env)]);
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await a?.close();
  await b?.close();
  await groq?.close();
  await db?.destroy();
});
/** Slow enough that every reader asks while the first generation is still under way. */
beforeEach(() => groq.set({ text: REWRITE, chunkChars: 20, firstTokenDelayMs: 800, tokenDelayMs: 10, stallAfterChunks: undefined }));

async function readers(n: number, account: () => Record<string, unknown> = () => newAccount()): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async () => mintJwt(a.url, (await signUp(a.url, account() as ReturnType<typeof newAccount>)).sessionToken)));
}

const personalize = (base: string, jwt: string, body: unknown) =>
  fetch(`${base}/api/personalize`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` }, body: JSON.stringify(body) });

/** Every reader asks at once, reader i through instance a when i is even, else b. */
const askAll = (jwts: string[], body: unknown): Promise<SseEvent[][]> =>
  Promise.all(jwts.map(async (jwt, i) => readSse(await personalize(i % 2 ? b.url : a.url, jwt, body))));

/** The events of an SSE response, with when the first delta and the end arrived (ms after the headers). */
async function timedSse(res: Response): Promise<{ events: SseEvent[]; firstDeltaMs: number; lastMs: number }> {
  const t0 = performance.now();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let firstDeltaMs = Infinity;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (firstDeltaMs === Infinity && text.includes('event: delta')) firstDeltaMs = performance.now() - t0;
  }
  const lastMs = performance.now() - t0;
  return { events: await readSse(new Response(text)), firstDeltaMs, lastMs };
}

/** The shared key of a chapter as sent, for readers of newAccount()'s default background. */
const keyOf = (body: ReturnType<typeof chapter>) =>
  sharedKeyOf({
    userId: 'unused',
    contentHash: chapterHash(body.title, body.markdown),
    background: { software: 'beginner', hardware: 'hobbyist' },
    model: MODEL,
    promptVersion: PERSONALIZE_PROMPT_VERSION,
  });

async function liveLeases(): Promise<number> {
  const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM remote_personalization_flight WHERE lease_until > clock_timestamp()');
  return Number(rows[0]!.n);
}

describe('single flight across two instances on one Postgres', () => {
  it('makes one upstream call for readers of the same chapter split between the instances, and streams each the whole text as it comes', async () => {
    const jwts = await readers(12);
    // ~2.6 s of streaming after the first token, which comes late enough for every reader to be asking by then.
    groq.set({ tokenDelayMs: 30, firstTokenDelayMs: 1500 });
    const calls = groq.calls;
    const body = chapter('# Together\n\nTwelve readers open this at once.\n');
    const timed = await Promise.all(jwts.map(async (jwt, i) => timedSse(await personalize(i % 2 ? b.url : a.url, jwt, body))));
    const results = timed.map((t) => t.events);
    expect(groq.calls).toBe(calls + 1);
    // Readers on the instance that did not lead see the leader's text while it is written, not all at the end. (On
    // a busy machine a reader may arrive after the end and get the cached text at once, hence the best of each.)
    const streamedFor = (instance: number) => Math.max(...timed.filter((_, i) => i % 2 === instance).map((t) => t.lastMs - t.firstDeltaMs));
    expect([streamedFor(0), streamedFor(1)].every((ms) => ms > 700), `streamed for ${streamedFor(0)} / ${streamedFor(1)} ms`).toBe(true);
    for (const events of results) {
      expect(events[0]).toMatchObject({ event: 'meta', data: { chapterId: 'kinematics' } });
      expect(deltaText(events)).toBe(REWRITE);
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { complete: true, chars: REWRITE.length } });
    }
    expect(await liveLeases()).toBe(0);
    expect(a.services.flights.size + b.services.flights.size).toBe(0);
  });

  it('has a leader nobody watches renew its lease about once a second, and one that is watched publish its text often', async () => {
    // Counts the leader's writes (claim, renew, fail set lease_until; a waiter's poll only sets watched_until).
    await admin.query(`
      CREATE TABLE IF NOT EXISTS test_flight_writes (cache_key text NOT NULL);
      CREATE OR REPLACE FUNCTION test_count_flight_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO test_flight_writes (cache_key) VALUES (NEW.cache_key); RETURN NEW; END $$;
      CREATE OR REPLACE TRIGGER test_count_flight_write AFTER UPDATE ON remote_personalization_flight FOR EACH ROW
        WHEN (OLD.lease_until IS DISTINCT FROM NEW.lease_until) EXECUTE FUNCTION test_count_flight_write();`);
    const writesFor = async (body: ReturnType<typeof chapter>) => {
      const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM test_flight_writes WHERE cache_key = $1', [keyOf(body)]);
      return Number(rows[0]!.n);
    };
    groq.set({ tokenDelayMs: 20, firstTokenDelayMs: 800 });
    const [alone, first, second] = await readers(3);

    const lonely = chapter('# Alone\n\nNobody else reads this one.\n');
    const t0 = performance.now();
    expect(deltaText(await readSse(await personalize(a.url, alone!, lonely)))).toBe(REWRITE);
    const seconds = (performance.now() - t0) / 1000;
    const unwatched = await writesFor(lonely);
    expect(unwatched, `${unwatched} writes in ${seconds.toFixed(1)} s`).toBeLessThanOrEqual(Math.ceil(seconds) + 1);

    const shared = chapter('# Watched\n\nA reader on the other instance waits for this one.\n');
    const leading = personalize(a.url, first!, shared).then(readSse);
    await new Promise((r) => setTimeout(r, 300)); // the leader has claimed the key; Groq's first token is not out yet
    const [led, waited] = await Promise.all([leading, personalize(b.url, second!, shared).then(readSse)]);
    expect([deltaText(led), deltaText(waited)]).toEqual([REWRITE, REWRITE]);
    const watched = await writesFor(shared);
    // About 1.7 s of text published every 100 ms while watched; a loaded machine slows the ticks, not to a crawl.
    expect(watched, `${watched} writes while watched, ${unwatched} alone`).toBeGreaterThanOrEqual(8);
  });

  it('keeps separate generations for separate backgrounds', async () => {
    groq.set({ text: (req) => (req.messages[0]!.content.includes('basic programming') ? 'For a beginner.' : 'For an expert.') });
    const beginners = await readers(3);
    const experts = await readers(3, () => newAccount({ softwareBackground: 'advanced', hardwareBackground: 'industrial' }));
    const calls = groq.calls;
    const results = await askAll([...beginners, ...experts], chapter('# Two kinds\n\nBeginners and experts.\n'));
    expect(groq.calls).toBe(calls + 2);
    expect(results.map(deltaText)).toEqual([...Array(3).fill('For a beginner.'), ...Array(3).fill('For an expert.')]);
  });

  it('reports a leader failing mid-stream to every waiter on both instances, leaves nothing stuck, and the next request generates', async () => {
    // Groq stops after three chunks; the service gives up after GROQ_TIMEOUT_MS (IDLE_LIMIT_MS here).
    groq.set({ stallAfterChunks: 3, firstTokenDelayMs: 1500 });
    const jwts = await readers(8);
    const body = chapter('# Fails\n\nThe leader of this one fails.\n');
    const calls = groq.calls;
    const results = await askAll(jwts, body);
    expect(groq.calls).toBe(calls + 1);
    for (const events of results) {
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { status: 502, error: 'generation_failed' } });
      expect(events.at(-1)!.data.message).toMatch(/Groq stopped sending/);
      expect(REWRITE.startsWith(deltaText(events))).toBe(true); // at most the part that arrived, never anything else
    }
    expect(await liveLeases()).toBe(0);

    groq.set({ stallAfterChunks: undefined, firstTokenDelayMs: 0 });
    const retry = await readSse(await personalize(b.url, jwts[0]!, body));
    expect(deltaText(retry)).toBe(REWRITE);
    expect(groq.calls).toBe(calls + 2);
  });

  it('takes over from a leader that vanished once its lease expires, ignores an expired one, and ends a half-streamed one with an error', async () => {
    const [jwt] = await readers(1);
    groq.set({ firstTokenDelayMs: 0 });

    // A leader that died holding a live lease (1.5 s left): the request waits, then leads.
    const live = chapter('# Orphan\n\nIts leader died.\n');
    const started = performance.now(); // before the lease is written, so a slow write cannot shorten the wait
    await admin.query(`INSERT INTO remote_personalization_flight (cache_key, owner, lease_until) VALUES ($1, 'dead-instance', clock_timestamp() + interval '1500 milliseconds')`, [
      keyOf(live),
    ]);
    let calls = groq.calls;
    const events = await readSse(await personalize(a.url, jwt!, live));
    expect(performance.now() - started).toBeGreaterThan(1000);
    expect(deltaText(events)).toBe(REWRITE);
    expect(groq.calls).toBe(calls + 1);

    // A lease that already expired is no obstacle at all.
    const stale = chapter('# Stale\n\nAn old lease.\n');
    await admin.query(`INSERT INTO remote_personalization_flight (cache_key, owner, lease_until) VALUES ($1, 'dead-instance', clock_timestamp() - interval '1 minute')`, [
      keyOf(stale),
    ]);
    calls = groq.calls;
    expect(deltaText(await readSse(await personalize(b.url, jwt!, stale)))).toBe(REWRITE);
    expect(groq.calls).toBe(calls + 1);

    // A leader that died after publishing part of its text: a reader already streaming it cannot have another
    // generation spliced on, so it ends with an error; the next request generates afresh.
    const half = chapter('# Half\n\nIts leader died half-way.\n');
    await admin.query(
      `INSERT INTO remote_personalization_flight (cache_key, owner, lease_until, progress) VALUES ($1, 'dead-instance', clock_timestamp() + interval '3000 milliseconds', 'Half a rewrite ')`,
      [keyOf(half)],
    );
    calls = groq.calls;
    const cut = await readSse(await personalize(a.url, jwt!, half));
    expect(deltaText(cut)).toBe('Half a rewrite ');
    expect(cut.at(-1)).toMatchObject({ event: 'error', data: { status: 502, message: expect.stringMatching(/interrupted/) } });
    expect(groq.calls).toBe(calls);
    expect(deltaText(await readSse(await personalize(b.url, jwt!, half)))).toBe(REWRITE);
    expect(groq.calls).toBe(calls + 1);
    expect(await liveLeases()).toBe(0);
  });
});

describe('REMOTE_WORKERS=2: a cluster on one port', () => {
  it('spreads readers over both workers, makes one upstream call, and stops cleanly on SIGTERM', async () => {
    const cluster = await startRemoteProcess(
      { DATABASE_URL: db.url, GROQ_BASE_URL: groq.url, JWT_ISSUER: ISSUER, BETTER_AUTH_SECRET: TEST_SECRET, REMOTE_WORKERS: '2', LOG_LEVEL: 'info' },
      'postgres',
    );
    try {
      expect(cluster.output()).toMatch(/workers: 2\)/);
      const jwts = await readers(10);
      const calls = groq.calls;
      const results = await Promise.all(jwts.map(async (jwt) => readSse(await personalize(cluster.url, jwt, chapter('# Cluster\n\nOne port, two workers.\n')))));
      expect(groq.calls).toBe(calls + 1);
      for (const events of results) expect(deltaText(events)).toBe(REWRITE);
      const workers = new Set(
        cluster
          .output()
          .split('\n')
          .filter((l) => l.includes('"path":"/api/personalize"'))
          .map((l) => (JSON.parse(l) as { worker: number }).worker),
      );
      expect([...workers].sort()).toEqual([1, 2]);
    } finally {
      expect(await cluster.close()).toBe(0);
    }
  });
});

describe('the embedded database (one process)', () => {
  it('runs one generation for readers asking at once, and serves the next from the cache', async () => {
    const dir = tempDir('reader-flight-embedded-');
    const embedded = await startTestRemote({ REMOTE_DATA_DIR: dir.path, GROQ_BASE_URL: groq.url, BETTER_AUTH_SECRET: undefined, GROQ_TIMEOUT_MS: String(IDLE_LIMIT_MS) });
    try {
      expect(embedded.services.databaseKind).toBe('embedded');
      const jwts = await Promise.all(Array.from({ length: 5 }, async () => mintJwt(embedded.url, (await signUp(embedded.url)).sessionToken)));
      const body = chapter('# Embedded\n\nFive readers, one process.\n');
      const calls = groq.calls;
      const results = await Promise.all(jwts.map(async (jwt) => readSse(await personalize(embedded.url, jwt, body))));
      for (const events of results) expect(deltaText(events)).toBe(REWRITE);
      expect(deltaText(await readSse(await personalize(embedded.url, jwts[0]!, body)))).toBe(REWRITE);
      expect(groq.calls).toBe(calls + 1);
    } finally {
      await embedded.close();
      dir.remove();
    }
  });
});
