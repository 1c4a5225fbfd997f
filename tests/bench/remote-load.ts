/**
 * What the remote benchmarks share: the service run as `npm run remote:migrate` and `npm run remote` run it (a
 * child process, so it does not share an event loop with the clients), the fake Groq and its direct baseline, and
 * the timing of streamed answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import Groq from 'groq-sdk';
import { startFakeGroq, type FakeGroq } from '../fixtures/fake-groq.js';

export const FIRST_TOKEN_DELAY_MS = 200;
/** After the first token the fake streams STREAM_CHUNKS pieces CHUNK_GAP_MS apart (~1 s), as a Groq generation
 * streams for a while: 50 concurrent readers then means 50 open streams, not 250 requests a second. */
export const STREAM_CHUNKS = 200;
export const CHUNK_GAP_MS = 5;

/** The fake Groq both remote benchmarks run against, with the timing above. */
export function startBenchGroq(): Promise<FakeGroq> {
  return startFakeGroq({ firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, text: 'token [1] '.repeat(STREAM_CHUNKS), chunkChars: 10, tokenDelayMs: CHUNK_GAP_MS });
}

/**
 * The harness's own floor: ms to the first chunk from the same fake Groq called directly through groq-sdk, no
 * service in between.
 */
export function directGroqTtfb(groqUrl: string): () => Promise<number> {
  const direct = new Groq({ apiKey: 'bench', baseURL: groqUrl, maxRetries: 0 });
  return async () => {
    const t0 = performance.now();
    const stream = await direct.chat.completions.create({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let first: number | undefined;
    for await (const _chunk of stream) first ??= performance.now() - t0;
    return first!;
  };
}

export type Service = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** Runs the migrations once, as a deployment does before starting any instance. */
export async function migrateService(env: Record<string, string>): Promise<void> {
  const migrate = spawn(process.execPath, ['--import', 'tsx', 'remote/src/migrate.ts'], { env: { ...process.env, ...env }, stdio: 'inherit' });
  const [code] = await once(migrate, 'exit');
  if (code !== 0) throw new Error('remote:migrate failed');
}

export async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'remote/src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let out = '';
  for await (const chunk of child.stdout!.iterator({ destroyOnReturn: false })) {
    out += String(chunk);
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) {
      child.stdout!.resume(); // keep draining (logs are off, but do not let the pipe fill)
      const stop = async () => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        await once(child, 'exit');
      };
      return { url: m[1]!, child, stop };
    }
  }
  throw new Error(`service did not start:\n${out}`);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
export const fmt = (n: number) => n.toFixed(1).padStart(7);

/** ms from sending the request to the first `delta` event; the rest of the stream is drained. */
export async function timeToFirstDelta(send: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const res = await send();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let first: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (first === undefined) {
      seen += decoder.decode(value, { stream: true });
      if (seen.includes('event: delta')) first = performance.now() - t0;
    }
  }
  if (first === undefined) throw new Error('stream had no delta event');
  return first;
}

/**
 * `concurrency` clients, each sending `perClient` requests back to back. With `spreadMs`, client i starts at
 * i * spreadMs / concurrency, so arrivals are spread like independent readers while all stay in flight together;
 * without it they start in one burst and stay in lockstep.
 */
export async function measure(concurrency: number, perClient: number, one: (i: number) => Promise<number>, spreadMs = 0): Promise<number[]> {
  const results: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      if (spreadMs) await new Promise((r) => setTimeout(r, (c * spreadMs) / concurrency));
      for (let k = 0; k < perClient; k++) results.push(await one(next++));
    }),
  );
  return results;
}
