import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../contract.js';
import { createJobRunner } from './jobs.js';
import { RemoteError } from './remote-errors.js';
import { asReaderError } from './account-errors.js';
import { failure } from '../hosting/envelope.js';

const toError = (err: unknown) => failure(asReaderError(err), 'test').error;

describe('job runner', () => {
  it('reports text, then how the job ended, under the id the page chose', async () => {
    const events: JobEvent[] = [];
    const jobs = createJobRunner((e) => events.push(e), toError);
    expect(
      jobs.start('job-aaaaaaaa', async (_signal, emit) => {
        emit('a');
        emit('b');
        return { type: 'done', complete: true, citations: [{ n: 1, id: 'p1' }] };
      }),
    ).toBe(true);
    await jobs.idle();
    expect(events).toEqual([
      { jobId: 'job-aaaaaaaa', type: 'text', text: 'a' },
      { jobId: 'job-aaaaaaaa', type: 'text', text: 'b' },
      { jobId: 'job-aaaaaaaa', type: 'done', complete: true, citations: [{ n: 1, id: 'p1' }] },
    ]);
  });

  it('refuses a second job with a running id, and accepts it again once the first ended', async () => {
    const jobs = createJobRunner(() => undefined, toError);
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const slow = async () => {
      await gate;
      return { type: 'done' as const, complete: true, citations: [] };
    };
    expect(jobs.start('job-bbbbbbbb', slow)).toBe(true);
    expect(jobs.start('job-bbbbbbbb', async () => ({ type: 'done', complete: true, citations: [] }))).toBe(false);
    finish();
    await jobs.idle();
    expect(jobs.start('job-bbbbbbbb', async () => ({ type: 'done', complete: true, citations: [] }))).toBe(true);
  });

  it('turns a thrown remote error into an error event with its code and details, keeping what was sent', async () => {
    const events: JobEvent[] = [];
    const jobs = createJobRunner((e) => events.push(e), toError);
    jobs.start('job-cccccccc', async (_signal, emit) => {
      emit('partial');
      throw new RemoteError('rate_limited', 'Too many requests. Try again in 30 s.', { retryAfterSeconds: 30 });
    });
    await jobs.idle();
    expect(events).toEqual([
      { jobId: 'job-cccccccc', type: 'text', text: 'partial' },
      {
        jobId: 'job-cccccccc',
        type: 'error',
        error: {
          code: 'rate_limited',
          message: 'Too many requests. Try again in 30 s.',
          details: { kind: 'rate_limited', retryAfterSeconds: 30 },
        },
      },
    ]);
  });

  it('cancels a job through its signal', async () => {
    const events: JobEvent[] = [];
    const jobs = createJobRunner((e) => events.push(e), toError);
    jobs.start(
      'job-dddddddd',
      (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })),
    );
    jobs.cancel('job-dddddddd');
    await jobs.idle();
    expect(events.at(-1)).toMatchObject({ jobId: 'job-dddddddd', type: 'error', error: { code: 'cancelled', message: 'Cancelled.' } });
  });
});
