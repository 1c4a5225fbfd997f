/** /v1/chat with a conversation history: validated and size-capped, then sent to Groq as earlier turns. */
import { CHAT_LIMITS } from '@physical-ai-reader/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
let remote: TestRemote;
let auth: Record<string, string>;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq({ text: 'They drift with heat [1].' })]);
  remote = await startTestRemote({ DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url });
  auth = { authorization: `Bearer ${await mintJwt(remote.url, (await signUp(remote.url)).sessionToken)}` };
});
afterAll(async () => {
  await remote?.close();
  await groq?.close();
  await pg?.destroy();
});

const body = {
  question: 'And what about the ankles?',
  passages: [{ id: 'p1', title: 'Sensors › Ankles', text: 'Ankle force sensors drift as they warm up.' }],
};

describe('/v1/chat history', () => {
  it('puts the earlier turns before the grounded question, as user and assistant messages', async () => {
    const history = [
      { question: 'How does the robot sense its feet?', answer: 'Force sensors in the soles.' },
      { question: 'Do they need care?', answer: 'They are zeroed before each walk.' },
    ];
    const res = await postJson(`${remote.url}/v1/chat`, { ...body, history }, auth);
    expect(res.status).toBe(200);
    expect((await readSse(res)).at(-1)!.event).toBe('done');
    const sent = groq.requests.at(-1)!.messages;
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(sent.slice(1, 5).map((m) => m.content)).toEqual([
      'How does the robot sense its feet?',
      'Force sensors in the soles.',
      'Do they need care?',
      'They are zeroed before each walk.',
    ]);
    expect(sent[5]!.content).toMatch(/Passages:[\s\S]*\[1\] Sensors › Ankles[\s\S]*Question: And what about the ankles\?$/);
  });

  it('without history the question stays the only user message', async () => {
    const res = await postJson(`${remote.url}/v1/chat`, body, auth);
    await readSse(res);
    expect(groq.requests.at(-1)!.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('refuses too many turns or an over-long answer with 400, before calling Groq', async () => {
    const calls = groq.calls;
    const tooMany = Array.from({ length: CHAT_LIMITS.historyTurns + 1 }, (_, i) => ({ question: `Q${i}?`, answer: 'A.' }));
    const many = await postJson(`${remote.url}/v1/chat`, { ...body, history: tooMany }, auth);
    expect(many.status).toBe(400);
    expect(JSON.stringify(await many.json())).toMatch(/history/);
    const long = await postJson(`${remote.url}/v1/chat`, { ...body, history: [{ question: 'Q?', answer: 'a'.repeat(CHAT_LIMITS.historyAnswerChars + 1) }] }, auth);
    expect(long.status).toBe(400);
    expect(groq.calls).toBe(calls);
  });

  it('counts the history in the body cap: a body over it is refused with 413', async () => {
    const calls = groq.calls;
    // Six turns at their limits in a script of 3-byte characters, with full passages: valid fields, too many bytes.
    const history = Array.from({ length: CHAT_LIMITS.historyTurns }, () => ({ question: 'Q?', answer: '日'.repeat(CHAT_LIMITS.historyAnswerChars) }));
    const passages = Array.from({ length: CHAT_LIMITS.passages }, (_, i) => ({ id: `p${i}`, title: 'T', text: 'w'.repeat(CHAT_LIMITS.passageChars) }));
    const res = await postJson(`${remote.url}/v1/chat`, { ...body, passages, history }, auth);
    expect(res.status).toBe(413);
    expect(groq.calls).toBe(calls);
  });
});
