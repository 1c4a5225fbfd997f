import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, deltaText, mintJwt, newAccount, postJson, readSse, signUp, startTestRemote, type SseEvent, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
let remote: TestRemote;
let noKey: TestRemote;
/** Configured with a Groq URL where nothing listens. */
let groqDown: TestRemote;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq()]);
  remote = await startTestRemote({ DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url });
  noKey = await startTestRemote({ DATABASE_URL: pg.url, GROQ_API_KEY: undefined });
  groqDown = await startTestRemote({ DATABASE_URL: pg.url, GROQ_BASE_URL: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await remote?.close();
  await noKey?.close();
  await groqDown?.close();
  await groq?.close();
  await pg?.destroy();
});
beforeEach(() => groq.reset());

const personalize = (jwt: string, body: unknown = chapter(), signal?: AbortSignal) =>
  fetch(`${remote.url}/api/personalize`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` }, body: JSON.stringify(body), signal });

describe('POST /api/personalize', () => {
  it('signs up, mints a JWT and streams the chapter rewritten by Groq for the reader background', async () => {
    const { sessionToken } = await signUp(remote.url);
    const jwt = await mintJwt(remote.url, sessionToken);
    groq.set({ text: '# Kinematics\n\nRewritten for a beginner with an Arduino.' });
    const before = groq.calls;
    const res = await personalize(jwt, chapter('# Kinematics\n\nUnique text A.\n'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    expect(events[0]).toMatchObject({ event: 'meta', data: { chapterId: 'kinematics', background: { software: 'beginner', hardware: 'hobbyist' } } });
    expect(deltaText(events)).toBe('# Kinematics\n\nRewritten for a beginner with an Arduino.');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { complete: true } });
    expect(groq.calls).toBe(before + 1);
    // The prompt carries the background and the chapter; the model is the configured one.
    const sent = groq.requests.at(-1)!;
    expect(sent.model).toBe('llama-3.3-70b-versatile');
    expect(sent.stream).toBe(true);
    expect(sent.messages[0]!.content).toMatch(/basic programming/);
    expect(sent.messages[0]!.content).toMatch(/hobby boards/);
    expect(sent.messages[1]!.content).toContain('Unique text A.');
  });

  it('serves a repeat to the same reader from the Postgres cache without calling Groq, streamed in pieces', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const body = chapter('# Cache me\n\nSame chapter twice.\n');
    groq.set({ text: 'Cached rewrite '.repeat(300) });
    const first = await readSse(await personalize(jwt, body));
    const calls = groq.calls;
    const second = await readSse(await personalize(jwt, body));
    expect(groq.calls).toBe(calls);
    expect(deltaText(second)).toBe(deltaText(first));
    expect(second.filter((e) => e.event === 'delta').length).toBeGreaterThan(1); // streamed, not one blob
  });

  it("shares one rewrite between readers of the same background, shows no hit or miss, and a reader's regenerate is their own", async () => {
    // The prompt holds only the backgrounds and the chapter, so B gets A's rewrite without a Groq call; but A's
    // regenerate must not replace what B (or anyone else) gets.
    const a = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const b = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const body = chapter('# Shared\n\nBoth readers open this chapter.\n');
    const showsNoHit = (res: Response, events: SseEvent[]) => {
      expect(res.headers.get('x-cache')).toBeNull();
      for (const e of events) expect(e.data).not.toHaveProperty('cached');
    };
    groq.set({ text: 'Rewrite for beginners.' });
    const aFirst = await personalize(a, body);
    showsNoHit(aFirst, await readSse(aFirst));

    groq.set({ text: 'Never generated.' });
    let calls = groq.calls;
    const bFirst = await personalize(b, body);
    const bEvents = await readSse(bFirst);
    showsNoHit(bFirst, bEvents);
    expect(deltaText(bEvents)).toBe('Rewrite for beginners.');
    expect(groq.calls).toBe(calls);

    groq.set({ text: 'A regenerated.' });
    expect(deltaText(await readSse(await personalize(a, { ...body, regenerate: true })))).toBe('A regenerated.');

    calls = groq.calls;
    expect(deltaText(await readSse(await personalize(b, body)))).toBe('Rewrite for beginners.');
    expect(deltaText(await readSse(await personalize(a, body)))).toBe('A regenerated.');
    expect(groq.calls).toBe(calls); // both repeats from the cache: B the shared entry, A their own
  });

  it('regenerates on request: calls Groq despite a cached rewrite, and the fresh one replaces it in the cache', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const body = chapter('# Regenerate me\n\nAsked for twice.\n');
    groq.set({ text: 'First rewrite.' });
    await readSse(await personalize(jwt, body));
    groq.set({ text: 'Second rewrite.' });
    const calls = groq.calls;
    const fresh = await personalize(jwt, { ...body, regenerate: true });
    expect(deltaText(await readSse(fresh))).toBe('Second rewrite.');
    expect(groq.calls).toBe(calls + 1);
    const repeat = await personalize(jwt, body);
    expect(deltaText(await readSse(repeat))).toBe('Second rewrite.');
    expect(groq.calls).toBe(calls + 1);
  });

  it('misses the cache for another background or changed content', async () => {
    const body = chapter('# Backgrounds\n\nDiffer.\n');
    const beginner = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const expert = await mintJwt(remote.url, (await signUp(remote.url, newAccount({ softwareBackground: 'advanced', hardwareBackground: 'industrial' }))).sessionToken);
    await readSse(await personalize(beginner, body));
    const calls = groq.calls;
    await readSse(await personalize(expert, body));
    expect(groq.calls).toBe(calls + 1);
    await readSse(await personalize(beginner, chapter('# Backgrounds\n\nDiffer, edited.\n')));
    expect(groq.calls).toBe(calls + 2);
  });

  it('does not cache a generation that Groq cut off', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const body = chapter('# Stall\n\nGroq stops mid-way.\n');
    groq.set({ text: 'x'.repeat(200), chunkChars: 10, stallAfterChunks: 3 });
    const events = await readSse(await personalize(jwt, body));
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { status: 502 } });
    expect(deltaText(events)).toBe('x'.repeat(30));
    groq.reset();
    const calls = groq.calls;
    await readSse(await personalize(jwt, body));
    expect(groq.calls).toBe(calls + 1);
  });

  it('stops the Groq stream when the reader goes away mid-chapter, and caches nothing', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const body = chapter('# Walk away\n');
    groq.set({ text: 'y'.repeat(400), chunkChars: 10, tokenDelayMs: 50 });
    const abandoned = groq.abandoned;
    const controller = new AbortController();
    const res = await personalize(jwt, body, controller.signal);
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('event: delta')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await expect.poll(() => groq.abandoned, { timeout: 5_000 }).toBe(abandoned + 1);
    groq.reset();
    const calls = groq.calls;
    await readSse(await personalize(jwt, body));
    expect(groq.calls).toBe(calls + 1);
  });

  it('maps Groq 429 to 429 with Retry-After, 500 to 502, and a hung Groq to 502, without retrying', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    groq.set({ status: 429, retryAfter: '7' });
    let calls = groq.calls;
    let res = await personalize(jwt, chapter('# E1\n'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ error: 'rate_limited' });
    expect(groq.calls).toBe(calls + 1); // maxRetries 0: exactly one call

    groq.set({ status: 500, retryAfter: undefined });
    calls = groq.calls;
    res = await personalize(jwt, chapter('# E2\n'));
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'generation_failed' });
    expect(groq.calls).toBe(calls + 1);

    groq.set({ status: undefined, headerDelayMs: 10_000 });
    const started = Date.now();
    res = await personalize(jwt, chapter('# E3\n'));
    expect(res.status).toBe(502);
    expect((await res.json()).message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(8_000); // GROQ_TIMEOUT_MS is 1500 in tests; Groq would answer at 10 s
  });

  it('maps an unreachable Groq to 502', async () => {
    const jwt = await mintJwt(groqDown.url, (await signUp(groqDown.url)).sessionToken);
    const res = await postJson(`${groqDown.url}/api/personalize`, chapter('# Down\n'), { authorization: `Bearer ${jwt}` });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'generation_failed', message: 'Groq could not be reached.' });
  });

  it('answers 503 with a clear message when no Groq key is configured', async () => {
    const jwt = await mintJwt(noKey.url, (await signUp(noKey.url)).sessionToken);
    const res = await postJson(`${noKey.url}/api/personalize`, chapter('# No key\n'), { authorization: `Bearer ${jwt}` });
    expect(res.status).toBe(503);
    expect((await res.json()).message).toMatch(/GROQ_API_KEY/);
    const health = await (await fetch(`${noKey.url}/health`)).json();
    expect(health.generation.configured).toBe(false);
  });

  it('requires a JWT and validates the body', async () => {
    const calls = groq.calls;
    let res = await postJson(`${remote.url}/api/personalize`, chapter());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    res = await personalize(jwt, { chapterId: '', title: 'T', markdown: 'x' });
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toHaveProperty('chapterId');
    res = await personalize(jwt, { chapterId: 'c', title: 'T', markdown: 'x'.repeat(200 * 1024 + 1) });
    expect(res.status).toBe(400);
    expect((await res.json()).fields.markdown).toMatch(/204800 bytes/);
    res = await personalize(jwt, { chapterId: 'c', title: 'T', markdown: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(groq.calls).toBe(calls);
  });
});

describe('POST /v1/chat', () => {
  const passages = [
    { id: 'ch1#s1', title: 'Policies', text: 'A policy maps states to actions.' },
    { id: 'ch1#s2', title: 'Rewards', text: 'The reward signal defines the goal.' },
  ];

  it('streams an answer grounded in the passages, anonymously, with the citations it used', async () => {
    groq.set({ text: 'A policy maps states to actions [1]. Rewards define goals [2]. Nothing else [9].' });
    const res = await postJson(`${remote.url}/v1/chat`, { question: 'What is a policy?', passages, selection: 'policy' });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events[0]).toMatchObject({ event: 'meta', data: { personalized: false, passages: 2, model: 'llama-3.1-8b-instant' } });
    expect(deltaText(events)).toContain('[1]');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { citations: [{ n: 1, id: 'ch1#s1' }, { n: 2, id: 'ch1#s2' }] } });
    const prompt = groq.requests.at(-1)!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('[1] Policies\nA policy maps states to actions.');
    expect(prompt).toContain('[2] Rewards');
    expect(prompt).toContain('What is a policy?');
    expect(prompt).toMatch(/ONLY the numbered passages/);
    expect(prompt).not.toMatch(/The reader (knows|has never|programs|is an)/);
  });

  it('personalizes for a signed-in reader and refuses a bad token instead of falling back to anonymous', async () => {
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);
    const events = await readSse(await postJson(`${remote.url}/v1/chat`, { question: 'Why?', passages }, { authorization: `Bearer ${jwt}` }));
    expect(events[0]!.data.personalized).toBe(true);
    expect(groq.requests.at(-1)!.messages[0]!.content).toMatch(/The reader knows basic programming/);
    const calls = groq.calls;
    const res = await postJson(`${remote.url}/v1/chat`, { question: 'Why?', passages }, { authorization: `Bearer ${jwt.slice(0, -4)}AAAA` });
    expect(res.status).toBe(401);
    expect(groq.calls).toBe(calls);
  });

  it('bounds the passages and the question', async () => {
    const calls = groq.calls;
    const many = Array.from({ length: 13 }, (_, i) => ({ id: `p${i}`, title: 't', text: 'x' }));
    let res = await postJson(`${remote.url}/v1/chat`, { question: 'q', passages: many });
    expect(res.status).toBe(400);
    expect((await res.json()).fields.passages).toMatch(/at most 12/);
    res = await postJson(`${remote.url}/v1/chat`, { question: 'q', passages: [{ id: 'p', title: 't', text: 'x'.repeat(4001) }] });
    expect(res.status).toBe(400);
    expect((await res.json()).fields['passages.0.text']).toMatch(/4000/);
    res = await postJson(`${remote.url}/v1/chat`, { question: '', passages });
    expect(res.status).toBe(400);
    expect(groq.calls).toBe(calls);
  });
});
