// @vitest-environment happy-dom
import { deferred, emit, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReaderError } from '../reader-error.js';
import { useJob } from './useJob.js';

type Begin = { jobId: string };
const started = (jobId: string): Begin => ({ jobId });

beforeEach(() => fakeMethods({ cancelJob: async () => ({ ok: true }) }));
afterEach(cleanup);

/**
 * Starts a job whose start call answers `answer`; resolves to the job id the hook picked. The page's start calls go
 * through `reader` (withReaderErrors), so a refused one rejects with a ReaderError, as `answer` should here.
 */
async function startJob(start: ReturnType<typeof useJob>['start'], answer?: Promise<Begin>): Promise<string> {
  let id = '';
  await act(async () => {
    void start((jobId) => {
      id = jobId;
      return answer ?? Promise.resolve(started(jobId));
    });
  });
  return id;
}

describe('useJob', () => {
  it('collects the text of its own job only and ends with the citations', async () => {
    const { result } = renderHook(() => useJob());
    const id = await startJob(result.current.start);
    expect(result.current.state).toEqual({ status: 'streaming', text: '' });
    act(() => {
      emit('jobEvent', { jobId: id, type: 'text', text: 'Hello ' });
      emit('jobEvent', { jobId: 'job-someone-else', type: 'text', text: 'NOT MINE ' });
      emit('jobEvent', { jobId: id, type: 'text', text: 'world' });
      emit('jobEvent', { jobId: id, type: 'done', complete: true, citations: [{ n: 1, id: 'c1' }] });
    });
    expect(result.current.state).toEqual({ status: 'done', text: 'Hello world', complete: true, citations: [{ n: 1, id: 'c1' }] });
  });

  it('keeps the text that arrived when the job fails', async () => {
    const { result } = renderHook(() => useJob());
    const id = await startJob(result.current.start);
    act(() => {
      emit('jobEvent', { jobId: id, type: 'text', text: 'Half a' });
      emit('jobEvent', { jobId: id, type: 'error', error: { code: 'unavailable', message: 'stream broke', details: { kind: 'bad_gateway' } } });
    });
    expect(result.current.state).toEqual({
      status: 'error',
      text: 'Half a',
      error: { code: 'unavailable', message: 'stream broke', details: { kind: 'bad_gateway' } },
    });
  });

  it('shows a refused start as an error with its code and details, and anything else thrown as an internal error', async () => {
    const { result } = renderHook(() => useJob());
    const refused = new ReaderError('not_found', 'There is no such chapter.', { chapterId: 'ch9' });
    await startJob(result.current.start, Promise.reject(refused));
    expect(result.current.state).toEqual({ status: 'error', text: '', error: refused });
    await startJob(result.current.start, Promise.reject(new Error('bridge down')));
    expect(result.current.state).toEqual({ status: 'error', text: '', error: new ReaderError('internal', 'bridge down') });
  });

  it('cancels the running job when a new one starts, and ignores what the old one still sends or answers', async () => {
    const { result } = renderHook(() => useJob());
    const oldAnswer = deferred<Begin>();
    const oldId = await startJob(result.current.start, oldAnswer.promise);
    const newId = await startJob(result.current.start);
    expect(inputsOf('cancelJob')).toEqual([{ jobId: oldId }]);
    await act(async () => {
      oldAnswer.reject(new ReaderError('rate_limited', 'slow down', { retryAfterSeconds: 30 }));
      emit('jobEvent', { jobId: oldId, type: 'text', text: 'stale' });
      emit('jobEvent', { jobId: newId, type: 'text', text: 'fresh' });
    });
    expect(result.current.state).toEqual({ status: 'streaming', text: 'fresh' });
  });

  it('reset cancels the running job and goes back to idle; leaving the view cancels it too', async () => {
    const { result, unmount } = renderHook(() => useJob());
    const first = await startJob(result.current.start);
    act(() => result.current.reset());
    expect(result.current.state).toEqual({ status: 'idle', text: '' });
    act(() => emit('jobEvent', { jobId: first, type: 'text', text: 'late' }));
    expect(result.current.state).toEqual({ status: 'idle', text: '' });
    const second = await startJob(result.current.start);
    unmount();
    expect(inputsOf('cancelJob')).toEqual([{ jobId: first }, { jobId: second }]);
  });

  it('does not cancel a job that already finished', async () => {
    const { result, unmount } = renderHook(() => useJob());
    const id = await startJob(result.current.start);
    act(() => emit('jobEvent', { jobId: id, type: 'done', complete: true, citations: [] }));
    act(() => result.current.reset());
    unmount();
    expect(inputsOf('cancelJob')).toEqual([]);
  });
});
